using BenchmarkDotNet.Attributes;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;

namespace MultiBinSim.Benchmarks;

/// <summary>
/// The continuous engine on the default synthetic workload as <c>mbsim run</c> builds it (workload built once,
/// outside the measurement), 4 replicas, default options (vllm, pang step model, KV blocks from the memory model).
/// Allocated bytes / N is the per-request allocation of a run.
/// </summary>
[MemoryDiagnoser]
public class ContinuousBenchmarks
{
    private Workload _workload = null!;

    [Params(1_000_000)]
    public int Requests { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _workload = WorkloadBuilder.Build(SyntheticBurstGpt.Generate(Requests), new WorkloadOptions { Requests = Requests });

    [Benchmark(Description = "continuous vllm G=4 (metrics only)")]
    public SimulationResult Vllm() => SimulationEngines.Run(_workload, new SimulationConfig
    {
        Engine = ContinuousEngine.EngineName,
        Gpus = 4,
    }, recordTimeline: false);

    [Benchmark(Description = "continuous vllm G=4 (with timeline)")]
    public SimulationResult VllmTimeline() => SimulationEngines.Run(_workload, new SimulationConfig
    {
        Engine = ContinuousEngine.EngineName,
        Gpus = 4,
    });
}
