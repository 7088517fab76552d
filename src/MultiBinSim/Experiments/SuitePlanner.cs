using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Storage;

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
        RequestCounts(maxRequests)
            .SelectMany(n =>
                new[]
                {
                    new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.StaticFifo, n, 1, StepOneK),
                    new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.DynamicNoBins, n, 1, StepOneK),
                    new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.MultiBinDynamic, n, 1, StepOneK),
                    new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.MultiBinDynamic, n, 2, StepOneK),
                    new SuiteTest(SuiteStep.RequestScaling, SchedulerKind.MultiBinDynamic, n, 4, StepOneK),
                }
            )
            .ToArray();

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
        var best = stepTwoRows
            .Where(r => r.Succeeded && r.Get<double>(MetricCatalogue.CapacityQpsUnderSla.Name) is not null)
            .GroupBy(r => r.Get<int>(ConfigurationColumns.NumGpus.Name)!.Value)
            .Select(g => (Gpus: g.Key, Capacity: g.Average(r => r.Get<double>(MetricCatalogue.CapacityQpsUnderSla.Name)!.Value)))
            .OrderByDescending(p => p.Capacity)
            .ThenBy(p => p.Gpus)
            .ToArray();
        return best.Length == 0
            ? (FallbackGpuCount, $"no Step 2 results in the store; using {FallbackGpuCount} GPUs (pass --best-gpu-count or run Step 2 first)")
            : (best[0].Gpus, $"Step 2's best capacity under SLA ({best[0].Capacity:G4} req/s)");
    }

    /// <summary>The grid's K of the fixed multi-bin comparison point (the original's step2_comparison: "multi_bin_dynamic 1 GPU K=8").</summary>
    public const int CompareK = 8;

    /// <summary>The request-SLA violation rate the optimal configuration must meet (the original's find_optimal_config, 5 %).</summary>
    public const double OptimalViolationRate = 0.05;

    /// <summary>
    /// The grid (github.com/TravisLeeTS/llm-scheduler-sim f1be833, scripts/step1_grid_search.py): N = 1K, 10K, ... up to
    /// <paramref name="maxRequests"/> x <see cref="GpuCounts"/> up to <paramref name="maxGpus"/> x <see cref="BinCounts"/>,
    /// <c>multi_bin_dynamic</c>; 4 x 8 x 6 = 192 tests at the defaults.
    /// </summary>
    public static IReadOnlyList<SuiteTest> GridTests(int maxRequests, int maxGpus) =>
        (
            from n in RequestCounts(maxRequests)
            from g in GpuCounts.Where(g => g <= maxGpus)
            from k in BinCounts
            select new SuiteTest(SuiteStep.Grid, SchedulerKind.MultiBinDynamic, n, g, k)
        ).ToArray();

    /// <summary>
    /// The comparison (scripts/step2_comparison.py of the same commit), per workload size N: <c>static_fifo</c> on 1 GPU,
    /// <c>dynamic_no_bins</c> on 1 GPU, <c>multi_bin_dynamic</c> on 1 GPU with K = 8, and <c>multi_bin_dynamic</c> at the
    /// optimal configuration of the grid's rows for N (<see cref="Optimal"/>; 1 GPU, K = 8 when the grid has no rows for N).
    /// </summary>
    public static IReadOnlyList<SuiteTest> CompareTests(int maxRequests, IEnumerable<ResultRow> gridRows)
    {
        var rows = gridRows.ToArray();
        return RequestCounts(maxRequests)
            .SelectMany(n =>
            {
                var optimal = Optimal(rows.Where(r => r.Get<int>(ConfigurationColumns.NumRequestsRequested.Name) == n));
                return new[]
                {
                    new SuiteTest(SuiteStep.Compare, SchedulerKind.StaticFifo, n, 1, CompareK),
                    new SuiteTest(SuiteStep.Compare, SchedulerKind.DynamicNoBins, n, 1, CompareK),
                    new SuiteTest(SuiteStep.Compare, SchedulerKind.MultiBinDynamic, n, 1, CompareK),
                    new SuiteTest(SuiteStep.Compare, SchedulerKind.MultiBinDynamic, n, optimal?.Gpus ?? 1, optimal?.K ?? CompareK),
                };
            })
            .ToArray();
    }

    /// <summary>
    /// The optimal configuration among grid rows of one workload size (the original's find_optimal_config): the fewest
    /// GPUs with some K whose request-SLA violation rate (mean over seeds) is at most <see cref="OptimalViolationRate"/>,
    /// with the K of lowest violation at that GPU count (the smaller K on ties); when no configuration qualifies, the
    /// lowest violation rate overall (fewer GPUs, then smaller K on ties), marked as a fallback. Null without rows.
    /// </summary>
    public static OptimalConfiguration? Optimal(IEnumerable<ResultRow> gridRows)
    {
        var cells = gridRows
            .Where(r => r.Succeeded && r.Get<double>(MetricCatalogue.SlaViolationRate.Name) is not null)
            .GroupBy(r => (Gpus: r.Get<int>(ConfigurationColumns.NumGpus.Name)!.Value, K: r.Get<int>(ConfigurationColumns.KBins.Name)!.Value))
            .Select(g => (g.Key.Gpus, g.Key.K, Violation: g.Average(r => r.Get<double>(MetricCatalogue.SlaViolationRate.Name)!.Value)))
            .OrderBy(c => c.Gpus)
            .ThenBy(c => c.Violation)
            .ThenBy(c => c.K)
            .ToArray();
        if (cells.Length == 0)
        {
            return null;
        }

        var qualifying = cells.Where(c => c.Violation <= OptimalViolationRate).ToArray();
        if (qualifying.Length > 0)
        {
            var best = qualifying[0];
            return new OptimalConfiguration(best.Gpus, best.K, best.Violation, Fallback: false);
        }

        var lowest = cells.OrderBy(c => c.Violation).ThenBy(c => c.Gpus).ThenBy(c => c.K).First();
        return new OptimalConfiguration(lowest.Gpus, lowest.K, lowest.Violation, Fallback: true);
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
        var byGpus = stepTwoRows
            .Where(r => r.Succeeded && r.Get<double>(MetricCatalogue.SlaViolationRate.Name) is not null)
            .GroupBy(r => r.Get<int>(ConfigurationColumns.NumGpus.Name)!.Value)
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
        int offset = SuiteStep.Ordered.TakeWhile(s => s != step).Sum(s => PlannedCount(s, maxRequests, maxGpus));
        return Enumerable.Range(offset, PlannedCount(step, maxRequests, maxGpus)).ToArray();
    }

    /// <summary>How many tests <paramref name="step"/> plans, whatever the store holds (Step 3: one per K; compare: four per N).</summary>
    public static int PlannedCount(int step, int maxRequests, int maxGpus) =>
        step switch
        {
            SuiteStep.RequestScaling => StepOne(maxRequests).Count,
            SuiteStep.GpuScaling => StepTwo(maxRequests, maxGpus).Count,
            SuiteStep.Grid => GridTests(maxRequests, maxGpus).Count,
            SuiteStep.Compare => 4 * RequestCounts(maxRequests).Count,
            _ => BinCounts.Count,
        };

    /// <summary>Whether the test at <paramref name="index"/> of the whole suite's list belongs to shard I of N (round-robin).</summary>
    public static bool InShard(int index, (int Index, int Count) shard) => index % shard.Count == shard.Index - 1;
}
