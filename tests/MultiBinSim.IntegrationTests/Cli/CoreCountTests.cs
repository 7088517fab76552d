namespace MultiBinSim.Tests.Cli;

/// <summary>
/// The same rows and metrics whatever the core count: the synthetic generator and the prediction noise run part of
/// their work on other cores (chunks, pairs), and the .NET runtime is told to see 1, 2 or 8 processors
/// (<c>DOTNET_PROCESSOR_COUNT</c>), which changes its thread pool and every parallel loop's partitioning.
/// </summary>
public class CoreCountTests
{
    [Fact]
    public void The_synthetic_trace_and_a_run_are_the_same_on_one_two_and_eight_cores()
    {
        using var tmp = new TempFiles();
        var traces = new List<byte[]>();
        var runs = new List<string>();
        foreach (int cores in new[] { 1, 2, 8 })
        {
            // 200,000 rows: four chunks of the generator, several tasks of the noise pass.
            string csv = Path.Combine(tmp.Folder, $"synthetic-{cores}.csv");
            var synth = Mbsim(cores, "data", "synth", "--rows", "200000", "--out", csv);
            Assert.True(synth.ExitCode == 0, synth.Stderr);
            traces.Add(File.ReadAllBytes(csv));
            var run = Mbsim(cores, "run", "--requests", "200000", "--predictor", "noisy-oracle", "--gpus", "4", "--json");
            Assert.True(run.ExitCode == 0, run.Stderr);
            runs.Add(string.Join('\n', run.Stdout.Split('\n').Where(line => !line.Contains("execution_time", StringComparison.Ordinal))));
        }

        Assert.All(traces, t => Assert.Equal(traces[0], t));
        Assert.All(runs, r => Assert.Equal(runs[0], r));
    }

    private static (int ExitCode, string Stdout, string Stderr) Mbsim(int cores, params string[] args) =>
        MbsimProcess.Exec(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "mbsim.dll"), .. args],
            new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = cores.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        );
}
