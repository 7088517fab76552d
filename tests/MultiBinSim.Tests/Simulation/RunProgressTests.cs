using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// Progress reports (issue 22): every <see cref="RequestWindow.ProgressEvery"/> arrivals, the count arrived, the total
/// and the latest arrival's time, the same from an in-memory run and a streamed one; a run reports nothing else.
/// </summary>
public class RunProgressTests
{
    private const int Requests = (2 * RequestWindow.ProgressEvery) + 12_345;

    private static readonly WorkloadOptions Options = new() { Requests = Requests };

    private static readonly SimulationConfig Config = new()
    {
        Gpus = 4,
        Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 4 },
    };

    [Fact]
    public void In_memory_and_streamed_runs_report_every_2_to_the_20_arrivals_with_the_latest_arrival()
    {
        var workload = WorkloadBuilder.Build(Datasets.Load(Datasets.Synthetic, Requests), Options);
        var inMemory = new List<RunProgress>();
        var streamed = new List<RunProgress>();
        var a = SimulationEngines.Run(workload, Config, recordTimeline: false, new RunMonitors(inMemory.Add));
        var b = SimulationEngines.Get(Config.Engine).RunStreamed(WorkloadStream.Synthetic(Options), Config, new RunMonitors(streamed.Add));

        RunProgress[] expected =
        [
            new(RequestWindow.ProgressEvery, Requests, workload.Arrivals[RequestWindow.ProgressEvery - 1]),
            new(2L * RequestWindow.ProgressEvery, Requests, workload.Arrivals[(2 * RequestWindow.ProgressEvery) - 1]),
        ];
        Assert.Equal(expected, inMemory);
        Assert.Equal(expected, streamed);
        Assert.Equal(a.Metrics.AvgLatency, b.Metrics.AvgLatency); // reporting changes no number
        Assert.Equal(MultiBinSim.Simulation.Batch.Simulator.Run(workload, Config, recordTimeline: false).Metrics.AvgLatency, a.Metrics.AvgLatency);
    }
}
