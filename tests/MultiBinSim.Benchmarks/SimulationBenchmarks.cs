using BenchmarkDotNet.Attributes;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Benchmarks;

/// <summary>
/// One simulation over N synthetic requests (workload built once, outside the measurement).
/// Allocated bytes / N is the per-request allocation of a run (timeline, metrics sample, queues).
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private Workload _workload = null!;

    [Params(1_000_000, 10_000_000)]
    public int Requests { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = WorkloadBuilder.Build(SyntheticBurstGpt.Generate(Requests), new WorkloadOptions { Requests = Requests });

    [Benchmark(Description = "multi_bin_dynamic K=4 G=4")]
    public SimulationResult MultiBinDynamic() =>
        Simulator.Run(
            _workload,
            new SimulationConfig
            {
                Gpus = 4,
                Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 4 },
            }
        );

    [Benchmark(Description = "dynamic_no_bins G=1")]
    public SimulationResult DynamicNoBins() =>
        Simulator.Run(
            _workload,
            new SimulationConfig
            {
                Gpus = 1,
                Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.DynamicNoBins },
            }
        );
}
