using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Cli;

/// <summary><c>mbsim suite --engine continuous</c>: the seed's plan on the continuous engine, beside batch-engine runs in one store.</summary>
public class SuiteEngineCommandTests
{
    [Fact]
    public void Both_engines_share_a_store_with_their_own_keys_tags_and_analysis()
    {
        using var tmp = new TempFiles();
        string[] common = ["suite", "--step", "2", "--max-requests", "2000", "--max-gpus", "2", "--no-charts", "--out", tmp.Folder];
        var batch = MbsimProcess.Run(common);
        Assert.True(batch.ExitCode == 0, batch.Stderr);
        string batchAnalysis = File.ReadAllText(Path.Combine(tmp.Folder, SuiteAnalysis.FileName));
        var continuous = MbsimProcess.Run([.. common, "--engine", "continuous", "--policy", "sarathi", "--step-model", "seed"]);
        Assert.True(continuous.ExitCode == 0, continuous.Stderr);

        var rows = ResultCsv.ReadAll(Path.Combine(tmp.Folder, ResultStore.CsvName));
        Assert.Equal(4, rows.Count);
        Assert.Equal(4, rows.Select(r => r.TestKey).Distinct().Count());
        var tagged = rows.Where(r => r.Extra.TryGetValue(EngineColumns.Engine, out var e) && e == "continuous").ToArray();
        Assert.Equal(2, tagged.Length);
        Assert.All(tagged, r => Assert.NotNull(r.Get<double>("p90_ttft")));
        Assert.All(rows.Except(tagged), r => Assert.Null(r.Get<double>("p90_ttft")));

        // The continuous run's analysis reads its own two rows; the batch run's analysis said nothing of an engine.
        string analysis = File.ReadAllText(Path.Combine(tmp.Folder, SuiteAnalysis.FileName));
        Assert.Contains("\"engine\": \"continuous\"", analysis, StringComparison.Ordinal);
        // (The manifest's resolved configuration names every run's engine, "batch" included; the analysis itself does not.)
        using (var batchJson = System.Text.Json.JsonDocument.Parse(batchAnalysis))
        {
            Assert.False(batchJson.RootElement.TryGetProperty("engine", out _));
            Assert.Equal("batch", batchJson.RootElement.GetProperty("manifest").GetProperty("configuration").GetProperty("engine").GetString());
        }

        // Its Step 2 series carry the continuous engine's metrics; the batch run's do not mention them.
        Assert.Contains("\"p90_ttft\"", analysis, StringComparison.Ordinal);
        Assert.Contains("\"slo_attainment\"", analysis, StringComparison.Ordinal);
        Assert.DoesNotContain("ttft", batchAnalysis, StringComparison.Ordinal);

        // A second continuous run computes nothing; another policy is a new configuration.
        var again = MbsimProcess.Run([.. common, "--engine", "continuous", "--policy", "sarathi", "--step-model", "seed"]);
        Assert.Contains("0 tests to run", again.Stdout + again.Stderr, StringComparison.Ordinal);
        var other = MbsimProcess.Run([.. common, "--engine", "continuous", "--policy", "vllm", "--step-model", "seed"]);
        Assert.True(other.ExitCode == 0, other.Stderr);
        Assert.Equal(6, ResultCsv.ReadAll(Path.Combine(tmp.Folder, ResultStore.CsvName)).Count);
    }
}
