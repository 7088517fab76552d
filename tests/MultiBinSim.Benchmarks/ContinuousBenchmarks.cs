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
    private Workload _shared = null!;

    [Params(1_000_000)]
    public int Requests { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var trace = SyntheticBurstGpt.Generate(Requests);
        _workload = WorkloadBuilder.Build(trace, new WorkloadOptions { Requests = Requests });
        _shared = WorkloadBuilder.Build(trace, new WorkloadOptions { Requests = Requests, PrefixShare = 0.5 });
    }

    [Benchmark(Description = "continuous vllm G=4 (metrics only)")]
    public SimulationResult Vllm() =>
        SimulationEngines.Run(_workload, new SimulationConfig { Engine = ContinuousEngine.EngineName, Gpus = 4 }, recordTimeline: false);

    [Benchmark(Description = "continuous vllm G=4 (with timeline)")]
    public SimulationResult VllmTimeline() => SimulationEngines.Run(_workload, new SimulationConfig { Engine = ContinuousEngine.EngineName, Gpus = 4 });

    [Benchmark(Description = "continuous vllm-v1 G=4 (metrics only)")]
    public SimulationResult VllmV1() =>
        SimulationEngines.Run(
            _workload,
            new SimulationConfig
            {
                Engine = ContinuousEngine.EngineName,
                Gpus = 4,
                Continuous = new ContinuousOptions { Policy = ContinuousPolicy.VllmV1 },
            },
            recordTimeline: false
        );

    [Benchmark(Description = "continuous vllm-v1 + prefix caching, --prefix-share 0.5, G=4 (metrics only)")]
    public SimulationResult VllmV1PrefixCaching() =>
        SimulationEngines.Run(
            _shared,
            new SimulationConfig
            {
                Engine = ContinuousEngine.EngineName,
                Gpus = 4,
                Continuous = new ContinuousOptions { Policy = ContinuousPolicy.VllmV1 },
            },
            recordTimeline: false
        );

    [Benchmark(Description = "continuous vllm 2 prefill + 2 decode (metrics only)")]
    public SimulationResult VllmDisaggregated() =>
        SimulationEngines.Run(
            _workload,
            new SimulationConfig
            {
                Engine = ContinuousEngine.EngineName,
                Gpus = 4,
                Continuous = new ContinuousOptions
                {
                    Disaggregation = new DisaggregationOptions { PrefillReplicas = 2, DecodeReplicas = 2 },
                },
            },
            recordTimeline: false
        );

    [Benchmark(Description = "continuous vllm-v1 2 prefill + 2 decode (metrics only)")]
    public SimulationResult VllmV1Disaggregated() =>
        SimulationEngines.Run(
            _workload,
            new SimulationConfig
            {
                Engine = ContinuousEngine.EngineName,
                Gpus = 4,
                Continuous = new ContinuousOptions
                {
                    Policy = ContinuousPolicy.VllmV1,
                    Disaggregation = new DisaggregationOptions { PrefillReplicas = 2, DecodeReplicas = 2 },
                },
            },
            recordTimeline: false
        );
}
