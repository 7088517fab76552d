using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// Runs on the parity file (the BurstGPT 7-day slice plus the original simulator's own predictions, seed 42).
/// The original's metric values are not available here, so these tests check what can be checked without them:
/// our seeded predictor and the original's column drive identical runs, and every run is complete and sane.
/// </summary>
[NeedsSharedData]
public class ParityTests
{
    private static Trace ParityTrace() => BurstGptReader.Read(SharedData.RequireFile("data/parity/burstgpt7d_predicted.csv"));

    [Theory]
    [InlineData("multi_bin_dynamic", 1)]
    [InlineData("multi_bin_dynamic", 4)]
    [InlineData("multi_bin_fixed", 2)]
    public void Seeded_predictor_and_the_originals_column_give_bit_identical_runs(string name, int gpus)
    {
        var kind = Schedulers.Parse(name);
        var trace = ParityTrace();
        var fromColumn = WorkloadBuilder.Build(trace, new WorkloadOptions { Predictor = "column", RpsScaling = 200 });
        var fromSeed = WorkloadBuilder.Build(
            trace,
            new WorkloadOptions
            {
                Predictor = "prompt-power-law",
                Seed = 42,
                RpsScaling = 200,
            }
        );
        var config = new SimulationConfig
        {
            Gpus = gpus,
            Scheduler = new SchedulerOptions { Scheduler = kind },
        };
        var a = Simulator.Run(fromColumn, config);
        var b = Simulator.Run(fromSeed, config);
        Assert.Equal(a.Boundaries, b.Boundaries);
        Assert.Equal(a.Timeline!.Completion, b.Timeline!.Completion);
        Assert.Equal(
            a.Metrics with
            {
                ExecutionTimeSeconds = 0,
                BinRequestCounts = [],
                BinBatchCounts = [],
            },
            b.Metrics with
            {
                ExecutionTimeSeconds = 0,
                BinRequestCounts = [],
                BinBatchCounts = [],
            }
        );
        Assert.Equal(a.Metrics.BinBatchCounts, b.Metrics.BinBatchCounts);
    }

    public static TheoryData<string> SchedulerNames() => [.. Schedulers.Names];

    [Theory]
    [MemberData(nameof(SchedulerNames))]
    public void Every_scheduler_completes_the_slice_with_sane_metrics(string name)
    {
        var kind = Schedulers.Parse(name);
        var w = WorkloadBuilder.Build(ParityTrace(), new WorkloadOptions { Predictor = "column" });
        foreach (int gpus in new[] { 1, 4 })
        {
            var m = Simulator
                .Run(
                    w,
                    new SimulationConfig
                    {
                        Gpus = gpus,
                        Scheduler = new SchedulerOptions { Scheduler = kind },
                    }
                )
                .Metrics;
            Assert.Equal(19_431, m.NumCompleted + m.NumRejected);
            Assert.Equal(0, m.NumRejected);
            Assert.InRange(m.SlaViolationRate, 0, 1);
            Assert.InRange(m.AvgGpuUtilization, 0, 1);
            Assert.True(m.AvgLatency >= m.AvgServiceTime);
            Assert.True(m.P50Latency <= m.P95Latency && m.P95Latency <= m.P99Latency && m.P99Latency <= m.MaxLatency);
            Assert.Equal(m.AvgLatency, m.AvgQueueingDelay + m.AvgServiceTime, 9);
        }
    }
}
