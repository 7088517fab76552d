using BenchmarkDotNet.Attributes;
using MultiBinSim.Workloads;

namespace MultiBinSim.Benchmarks;

/// <summary>Building the default workload: generate N synthetic BurstGPT rows, predict, rebase and scale arrivals.</summary>
[MemoryDiagnoser]
public class WorkloadBenchmarks
{
    [Params(1_000_000)]
    public int Requests { get; set; }

    [Benchmark]
    public Workload BuildSyntheticWorkload() => WorkloadBuilder.Build(SyntheticBurstGpt.Generate(Requests), new WorkloadOptions { Requests = Requests });
}
