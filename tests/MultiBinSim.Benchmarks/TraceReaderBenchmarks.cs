using BenchmarkDotNet.Attributes;
using MultiBinSim.Workloads;

namespace MultiBinSim.Benchmarks;

/// <summary>Streaming parse of a BurstGPT_1-sized file (1,429,737 rows, written from the synthetic trace in setup).</summary>
[MemoryDiagnoser]
public class TraceReaderBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void WriteFile()
    {
        _path = Path.Combine(Path.GetTempPath(), "mbsim-bench-burstgpt1.csv");
        BurstGptWriter.Write(SyntheticBurstGpt.Generate(SyntheticBurstGpt.DefaultRows), _path);
    }

    [GlobalCleanup]
    public void RemoveFile() => File.Delete(_path);

    [Benchmark(Description = "read BurstGPT_1-sized CSV (1,429,737 rows)")]
    public Trace ReadBurstGpt() => TraceReaders.Read(_path);
}
