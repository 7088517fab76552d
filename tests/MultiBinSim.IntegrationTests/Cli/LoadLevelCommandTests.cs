using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Cli;

/// <summary><c>mbsim suite --load</c>: one suite per level at the original simulator's x1 / x10 / x100 arrival scaling.</summary>
public class LoadLevelCommandTests
{
    [Fact]
    public void Load_all_runs_each_level_into_its_folder_at_its_scaling_and_tags_every_row()
    {
        using var tmp = new TempFiles();
        var (code, _, stderr) = MbsimProcess.Run(
            "suite",
            "--load",
            "all",
            "--step",
            "2",
            "--max-requests",
            "2000",
            "--max-gpus",
            "2",
            "--no-charts",
            "--out",
            tmp.Folder
        );
        Assert.True(code == 0, stderr);
        var violationByLevel = new Dictionary<string, double>();
        foreach (var (level, scaling) in new[] { ("low", 1.0), ("medium", 10.0), ("high", 100.0) })
        {
            var rows = ResultCsv.ReadAll(Path.Combine(tmp.Folder, level, ResultStore.CsvName));
            Assert.Equal(2, rows.Count); // 1 and 2 GPUs
            Assert.All(rows, r =>
            {
                Assert.Equal(level, r.Extra[LoadLevels.Column]);
                Assert.Equal(scaling, r.Get<double>("rps_scaling"));
            });
            violationByLevel[level] = rows.Single(r => r.Get<int>("num_gpus") == 1).Get<double>("sla_violation_rate")!.Value;
            Assert.Contains(
                "\"load_level\": \"" + level + "\"",
                File.ReadAllText(Path.Combine(tmp.Folder, level, SuiteAnalysis.FileName)),
                StringComparison.Ordinal
            );
        }

        // Ten and a hundred times the arrival rate on one GPU cannot lower the violation rate.
        Assert.True(
            violationByLevel["low"] <= violationByLevel["medium"] && violationByLevel["medium"] <= violationByLevel["high"],
            string.Join(", ", violationByLevel)
        );
        Assert.True(violationByLevel["high"] > violationByLevel["low"]);
    }

    [Theory]
    [InlineData("--load", "extreme")]
    [InlineData("--k-sweep-at", "elbow")]
    public void Bad_values_fail_with_one_line_naming_the_option(string option, string value)
    {
        var (code, _, stderr) = MbsimProcess.Run("suite", option, value, "--max-requests", "1000", "--out", "unused-never-written");
        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void An_explicit_rps_scaling_with_all_levels_is_refused()
    {
        var (code, _, stderr) = MbsimProcess.Run("suite", "--load", "all", "--rps-scaling", "50", "--max-requests", "1000", "--out", "unused-never-written");
        Assert.Equal(2, code);
        Assert.Contains("--load", stderr, StringComparison.Ordinal);
    }
}
