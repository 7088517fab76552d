using MultiBinSim.Metrics;
using MultiBinSim.Storage;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Experiments;

/// <summary>The test lists of the three steps, in a fixed order (which is also the order shards slice).</summary>
public static class SuitePlanner
{
    public const int StepOneK = 4;
    public const int FallbackGpuCount = 32;

    public static IReadOnlyList<int> GpuCounts { get; } = [1, 2, 4, 8, 16, 32, 64, 100];

    public static IReadOnlyList<int> BinCounts { get; } = [1, 2, 4, 8, 16, 32];

    /// <summary>N = 1K, 10K, 100K, ... while N &lt;= max (just max when max is under 1K).</summary>
    public static IReadOnlyList<int> RequestCounts(int maxRequests)
    {
        var counts = new List<int>();
        for (long n = 1000; n <= maxRequests; n *= 10)
        {
            counts.Add((int)n);
        }

        return counts.Count > 0 ? counts : [maxRequests];
    }

    public static IReadOnlyList<SuiteTest> StepOne(int maxRequests) =>
        RequestCounts(maxRequests).SelectMany(n => new[]
        {
            new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.StaticFifo, n, 1, StepOneK),
            new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.DynamicNoBins, n, 1, StepOneK),
            new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.MultiBinDynamic, n, 1, StepOneK),
            new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.MultiBinDynamic, n, 2, StepOneK),
            new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.MultiBinDynamic, n, 4, StepOneK),
        }).ToArray();

    public static IReadOnlyList<SuiteTest> StepTwo(int maxRequests, int maxGpus) =>
        GpuCounts.Where(g => g <= maxGpus).Select(g => new SuiteTest(SuiteStep.GpuScaling, SchedulerKind.MultiBinDynamic, maxRequests, g, StepOneK)).ToArray();

    public static IReadOnlyList<SuiteTest> StepThree(int maxRequests, int gpus) =>
        BinCounts.Select(k => new SuiteTest(SuiteStep.KSensitivity, SchedulerKind.MultiBinDynamic, maxRequests, gpus, k)).ToArray();

    /// <summary>
    /// Step 3's GPU count: the flag if given, else the Step 2 run with the highest capacity_qps_under_sla among
    /// <paramref name="stepTwoRows"/> (successful rows of this configuration), else <see cref="FallbackGpuCount"/>.
    /// </summary>
    public static (int Gpus, string Reason) BestGpuCount(int? flag, IEnumerable<ResultRow> stepTwoRows)
    {
        if (flag is { } given)
        {
            return (given, "--best-gpu-count");
        }

        // With several seeds per GPU count, compare mean capacities.
        var best = stepTwoRows.Where(r => r.Succeeded && r.Get<double>(MetricCatalogue.CapacityQpsUnderSla.Name) is not null)
            .GroupBy(r => r.Get<int>("num_gpus")!.Value)
            .Select(g => (Gpus: g.Key, Capacity: g.Average(r => r.Get<double>(MetricCatalogue.CapacityQpsUnderSla.Name)!.Value)))
            .OrderByDescending(p => p.Capacity)
            .ThenBy(p => p.Gpus)
            .ToArray();
        return best.Length == 0
            ? (FallbackGpuCount, $"no Step 2 results in the store; using {FallbackGpuCount} GPUs (pass --best-gpu-count or run Step 2 first)")
            : (best[0].Gpus, $"Step 2's best capacity under SLA ({best[0].Capacity:G4} req/s)");
    }

    /// <summary>The SLA violation rate at or under which a Step 2 GPU count counts as the knee (<see cref="KSweepRule.Knee"/>).</summary>
    public const double KneeViolationRate = 0.10;

    /// <summary>Step 3's GPU count under <paramref name="rule"/>; a given <paramref name="flag"/> wins over either rule.</summary>
    public static (int Gpus, string Reason) StepThreeGpuCount(KSweepRule rule, int? flag, IEnumerable<ResultRow> stepTwoRows) =>
        rule == KSweepRule.Knee && flag is null ? KneeGpuCount(stepTwoRows) : BestGpuCount(flag, stepTwoRows);

    /// <summary>
    /// The knee of Step 2: the fewest GPUs whose (mean, over seeds) SLA violation rate is at most <see cref="KneeViolationRate"/>;
    /// when no GPU count gets there, the one with the lowest violation rate (fewer GPUs on ties); with no Step 2 rows,
    /// <see cref="FallbackGpuCount"/>.
    /// </summary>
    public static (int Gpus, string Reason) KneeGpuCount(IEnumerable<ResultRow> stepTwoRows)
    {
        var byGpus = stepTwoRows.Where(r => r.Succeeded && r.Get<double>(MetricCatalogue.SlaViolationRate.Name) is not null)
            .GroupBy(r => r.Get<int>("num_gpus")!.Value)
            .Select(g => (Gpus: g.Key, Violation: g.Average(r => r.Get<double>(MetricCatalogue.SlaViolationRate.Name)!.Value)))
            .OrderBy(p => p.Gpus)
            .ToArray();
        if (byGpus.Length == 0)
        {
            return (FallbackGpuCount, $"no Step 2 results in the store; using {FallbackGpuCount} GPUs (pass --k-sweep-at G or run Step 2 first)");
        }

        var knee = byGpus.Where(p => p.Violation <= KneeViolationRate).ToArray();
        if (knee.Length > 0)
        {
            return (knee[0].Gpus, $"Step 2's knee: the fewest GPUs with SLA violation <= {KneeViolationRate:P0} ({knee[0].Violation:P2})");
        }

        var lowest = byGpus.OrderBy(p => p.Violation).ThenBy(p => p.Gpus).First();
        return (lowest.Gpus, $"no Step 2 GPU count reaches SLA violation <= {KneeViolationRate:P0}; the lowest violation ({lowest.Violation:P2})");
    }

    /// <summary>
    /// The positions of <paramref name="step"/>'s tests in the whole suite's test list (steps 1, 2, 3 in order), the list
    /// <see cref="InShard"/> slices. Step 3 has <see cref="BinCounts"/> tests whatever its GPU count.
    /// </summary>
    public static IReadOnlyList<int> TestIndices(int step, int maxRequests, int maxGpus)
    {
        int Count(int s) => s switch
        {
            SuiteStep.RequestScaling => StepOne(maxRequests).Count,
            SuiteStep.GpuScaling => StepTwo(maxRequests, maxGpus).Count,
            _ => BinCounts.Count,
        };

        int offset = SuiteStep.All.TakeWhile(s => s < step).Sum(Count);
        return Enumerable.Range(offset, Count(step)).ToArray();
    }

    /// <summary>Whether the test at <paramref name="index"/> of the whole suite's list belongs to shard I of N (round-robin).</summary>
    public static bool InShard(int index, (int Index, int Count) shard) => index % shard.Count == shard.Index - 1;
}
