using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Cli;

/// <summary><c>mbsim suite --step grid --step compare --load all</c> at quick sizes: the grid, its optimal configuration, the comparison.</summary>
public class GridCommandTests
{
    [Fact]
    public void A_quick_grid_at_three_levels_stores_each_cell_picks_the_optimum_and_compares_at_it_and_resumes()
    {
        using var tmp = new TempFiles();
        string[] args = ["suite", "--step", "grid", "--step", "compare", "--load", "all", "--max-requests", "2000", "--max-gpus", "4", "--out", tmp.Folder];
        var (code, _, stderr) = MbsimProcess.Run(args);
        Assert.True(code == 0, stderr);
        foreach (string level in LoadLevels.Names)
        {
            string folder = Path.Combine(tmp.Folder, level);
            var grid = ResultCsv.ReadAll(Path.Combine(folder, "step5_grid.csv"));
            Assert.Equal(1 * 3 * 6, grid.Count); // N = 1,000 x GPUs 1, 2, 4 x K 1..32
            Assert.All(grid, r => Assert.Equal(level, r.Extra[LoadLevels.Column]));
            var optimal = SuitePlanner.Optimal(grid)!;

            using var analysis = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, SuiteAnalysis.FileName)));
            var stored = analysis.RootElement.GetProperty("optimal_configurations")[0];
            Assert.Equal((optimal.Gpus, optimal.K), (stored.GetProperty("num_gpus").GetInt32(), stored.GetProperty("k_bins").GetInt32()));

            // The comparison ran the three fixed methods and multi_bin_dynamic at the optimum, with the grid's own numbers there.
            var compare = ResultCsv.ReadAll(Path.Combine(folder, "step6_compare.csv"));
            Assert.Contains(compare, r => r.GetString("scheduler_type") == "static_fifo" && r.Get<int>("num_gpus") == 1);
            Assert.Contains(compare, r => r.GetString("scheduler_type") == "dynamic_no_bins" && r.Get<int>("num_gpus") == 1);
            var atOptimum = compare.Single(r =>
                r.GetString("scheduler_type") == "multi_bin_dynamic" && r.Get<int>("num_gpus") == optimal.Gpus && r.Get<int>("k_bins") == optimal.K
            );
            var gridCell = grid.Single(r => r.Get<int>("num_gpus") == optimal.Gpus && r.Get<int>("k_bins") == optimal.K);
            Assert.Equal(gridCell.Get<double>("sla_violation_rate"), atOptimum.Get<double>("sla_violation_rate"));
            Assert.True(
                File.Exists(Path.Combine(folder, "charts", $"heatmap_sla_violation_rate_{level}.html"))
                    || Directory.GetFiles(Path.Combine(folder, "charts"), "heatmap_*.html").Length > 0
            );
        }

        var again = MbsimProcess.Run(args);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("tests to run, 0 already", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 tests to run", again.Stdout, StringComparison.Ordinal);
    }
}
