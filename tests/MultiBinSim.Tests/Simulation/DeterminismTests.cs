using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

public class DeterminismTests
{
    private static readonly Lazy<Workload> Shared = new(() => WorkloadBuilder.Build(SyntheticBurstGpt.Generate(50_000), new WorkloadOptions { Seed = 3 }));

    private static IEnumerable<SimulationConfig> Configs() =>
        from kind in Schedulers.All
        from gpus in new[] { 1, 3 }
        select new SimulationConfig
        {
            Gpus = gpus,
            Scheduler = new SchedulerOptions { Scheduler = kind, K = 8 },
        };

    [Fact]
    public void Same_inputs_give_bit_identical_results()
    {
        foreach (var config in Configs())
        {
            var a = Simulator.Run(Shared.Value, config);
            var b = Simulator.Run(Shared.Value, config);
            Assert.Equal(a.Timeline!.Start, b.Timeline!.Start);
            Assert.Equal(a.Timeline!.Completion, b.Timeline!.Completion);
            Assert.Equal(a.Timeline!.Gpu, b.Timeline!.Gpu);
            Assert.Equal(Fingerprint(a), Fingerprint(b));
        }
    }

    [Fact]
    public void Metrics_do_not_depend_on_recording_the_timeline()
    {
        foreach (var config in Configs())
        {
            var recorded = Simulator.Run(Shared.Value, config, recordTimeline: true);
            var bare = Simulator.Run(Shared.Value, config, recordTimeline: false);
            Assert.Null(bare.Timeline);
            Assert.Equal(Fingerprint(recorded), Fingerprint(bare));
        }
    }

    [Fact]
    public void Parallel_runs_in_any_order_equal_serial_runs()
    {
        var configs = Configs().ToArray();
        var serial = configs.Select(c => Fingerprint(Simulator.Run(Shared.Value, c))).ToArray();
        var parallel = new string[configs.Length];
        Parallel.For(0, configs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int j = configs.Length - 1 - i; // reverse order, on several threads, sharing one workload
            parallel[j] = Fingerprint(Simulator.Run(Shared.Value, configs[j]));
        });
        Assert.Equal(serial, parallel);
    }

    /// <summary>Every metric's exact bits except the wall-clock execution time.</summary>
    private static string Fingerprint(SimulationResult r)
    {
        var metrics = r.Metrics with { ExecutionTimeSeconds = 0 };
        return string.Join(
                ";",
                MultiBinSim
                    .Metrics.MetricColumns.Values(metrics)
                    .Select(v => v.Value is double d ? BitConverter.DoubleToInt64Bits(d).ToString() : v.Value?.ToString() ?? "null")
            )
            + "|"
            + string.Join(",", metrics.BinRequestCounts)
            + "|"
            + string.Join(",", metrics.BinBatchCounts);
    }
}
