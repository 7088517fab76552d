using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MultiBinSim.Experiments;

namespace MultiBinSim.Benchmarks;

/// <summary>
/// The full default suite (34 tests, up to 1,000,000 synthetic requests, charts included) into a fresh folder,
/// measured cold: one launch, one iteration, as a researcher runs it.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class SuiteBenchmarks
{
    private string _folder = "";

    [IterationSetup]
    public void NewFolder() => _folder = Path.Combine(Path.GetTempPath(), "mbsim-bench-" + Guid.NewGuid().ToString("N"));

    [IterationCleanup]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "mbsim suite (defaults)")]
    public Task<SuiteSummary> FullDefaultSuite() =>
        new SuiteRunner(new SuiteOptions { OutputFolder = _folder }, charts: new MultiBinSim.Reporting.SuiteChartWriter()).RunAsync();
}
