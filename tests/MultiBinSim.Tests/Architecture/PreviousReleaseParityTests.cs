using System.Text.Json;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Tests.Fixtures;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Architecture;

/// <summary>
/// Every scheduler and algorithm variant gives bit-identical metrics to release 0.1: the numbers were recorded with that
/// release's `mbsim run --json` before the architecture change (Fixtures/release-0.1-runs.jsonl) and are replayed here
/// through today's library.
/// </summary>
public class PreviousReleaseParityTests
{
    public static TheoryData<string> Cases() =>
        [.. File.ReadLines(FixturePaths.PreviousReleaseRuns).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("args").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Metrics_are_bit_identical_to_the_previous_release(string args)
    {
        var recorded = File.ReadLines(FixturePaths.PreviousReleaseRuns)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("args").GetString() == args)
            .GetProperty("metrics");
        var outcome = SingleRun.Execute(Spec(args));
        int compared = 0;
        foreach (var metric in MetricCatalogue.All.Where(m => !m.IsTiming && !m.IsOptional))
        {
            var expected = recorded.GetProperty(metric.Name);
            object? actual = metric.Read(outcome.Result.Metrics);
            switch (actual)
            {
                case double d:
                    Assert.True(
                        BitConverter.DoubleToInt64Bits(expected.GetDouble()) == BitConverter.DoubleToInt64Bits(d),
                        $"{metric.Name}: {expected.GetDouble():R} recorded, {d:R} now"
                    );
                    break;
                case int i:
                    Assert.Equal(expected.GetInt32(), i);
                    break;
                case long l:
                    Assert.Equal(expected.GetInt64(), l);
                    break;
                case IReadOnlyList<long> list:
                    Assert.Equal(expected.EnumerateArray().Select(e => e.GetInt64()).ToArray(), list.ToArray());
                    break;
                default:
                    Assert.Fail($"{metric.Name}: unexpected value {actual}");
                    break;
            }

            compared++;
        }

        Assert.Equal(27, compared); // every metric release 0.1 had, execution time aside
    }

    /// <summary>The run the fixture's command line described: `--requests 20000 --gpus 2` plus ARGS, defaults otherwise.</summary>
    private static RunSpec Spec(string args)
    {
        var scheduler = new SchedulerOptions();
        var workload = new WorkloadOptions { Requests = 20_000 };
        var tokens = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < tokens.Length; i += 2)
        {
            string value = tokens[i + 1];
            double number() => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            switch (tokens[i])
            {
                case "--scheduler":
                    scheduler = scheduler with { Scheduler = Schedulers.Parse(value) };
                    break;
                case "--k":
                    scheduler = scheduler with { K = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                case "--bin-policy":
                    scheduler = scheduler with { BinPolicy = EnumNames.Parse<BinSelectionPolicy>(nameof(SchedulerOptions.BinPolicy), value) };
                    break;
                case "--max-wait":
                    scheduler = scheduler with { MaxWait = number() };
                    break;
                case "--memory-algorithm":
                    scheduler = scheduler with { MemoryAlgorithm = EnumNames.Parse<MemoryAlgorithm>("MemoryAlgorithm", value) };
                    break;
                case "--sla-algorithm":
                    scheduler = scheduler with { SlaAlgorithm = EnumNames.Parse<SlaAlgorithm>("SlaAlgorithm", value) };
                    break;
                case "--sla-signal":
                    scheduler = scheduler with { SlaSignal = EnumNames.Parse<SlaSignal>("SlaSignal", value) };
                    break;
                case "--predictor":
                    workload = workload with { Predictor = value };
                    break;
                case "--predictor-sigma":
                    workload = workload with { PredictorSigma = number() };
                    break;
                case "--seed":
                    workload = workload with { Seed = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                case "--rps-scaling":
                    workload = workload with { RpsScaling = number() };
                    break;
                default:
                    throw new InvalidOperationException($"The fixture uses {tokens[i]}, which this replay does not map.");
            }
        }

        return new RunSpec
        {
            Workload = workload,
            Simulation = new SimulationConfig { Gpus = 2, Scheduler = scheduler },
        };
    }
}
