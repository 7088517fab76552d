using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Cli;

public class SuiteCommandTests
{
    [Fact]
    public async Task A_suite_killed_mid_run_resumes_and_stores_every_test_exactly_once()
    {
        using var tmp = new TempFiles();
        string[] args =
        [
            "suite",
            "--max-requests",
            "300000",
            "--max-gpus",
            "8",
            "--best-gpu-count",
            "2",
            "--parallel",
            "1",
            "--no-charts",
            "--out",
            tmp.Folder,
        ];
        const int planned = 15 + 4 + 6;
        string journal = Path.Combine(tmp.Folder, ResultStore.CsvName);

        bool killed;
        using (var victim = MbsimProcess.Start(args))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!victim.HasExited && DateTime.UtcNow < deadline && LineCount(journal) < 4)
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }

            // On a fast machine the suite may finish first: then the kill is a no-op and the invariants below still hold.
            killed = !victim.HasExited;
            victim.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
            victim.WaitForExit();
        }

        // Every file is readable after the kill, and holds only whole rows: the journal, and every part of the dataset.
        var survivors = ResultCsv.ReadAll(journal);
        Assert.InRange(survivors.Count, killed ? 3 : planned, planned);
        var dataset = new ResultDataset(Path.Combine(tmp.Folder, ResultStore.ParquetName));
        var mirrored = await dataset.ReadAllAsync();
        Assert.All(mirrored, r => Assert.Contains(survivors, s => s.TestKey == r.TestKey));

        var (code, stdout, stderr) = MbsimProcess.Run(args);
        Assert.True(code == 0, stderr);
        Assert.Contains("already stored (skipped)", stdout);
        var rows = ResultCsv.ReadAll(journal);
        Assert.Equal(planned, rows.Count);
        Assert.Equal(planned, rows.Select(r => r.TestKey).Distinct().Count());
        Assert.Equal(survivors.Select(r => r.TestKey), rows.Take(survivors.Count).Select(r => r.TestKey)); // nothing stored was lost
        Assert.Single(dataset.Parts()); // compacted when the run ended
        Assert.Equal(rows.Select(r => r.TestKey), (await dataset.ReadAllAsync()).Select(r => r.TestKey));
    }

    [Fact]
    public void Suite_and_merge_commands_write_a_store_charts_and_analysis()
    {
        using var tmp = new TempFiles();
        string a = Path.Combine(tmp.Folder, "a"),
            b = Path.Combine(tmp.Folder, "b"),
            merged = Path.Combine(tmp.Folder, "merged");
        string[] common = ["suite", "--max-requests", "2000", "--max-gpus", "2", "--best-gpu-count", "1"];
        var one = MbsimProcess.Run([.. common, "--shard", "1/2", "--out", a]);
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Contains("Step 1: request scaling:", one.Stdout); // plain lines when output is not a terminal
        var two = MbsimProcess.Run([.. common, "--shard", "2/2", "--out", b]);
        Assert.True(two.ExitCode == 0, two.Stderr);
        Assert.True(File.Exists(Path.Combine(a, SuiteAnalysis.FileName)));
        Assert.True(File.Exists(Path.Combine(a, "charts", ChartHtml.PlotlyFileName)));
        Assert.True(File.Exists(Path.Combine(a, "charts", "step2_gpu_scaling_capacity_qps_under_sla.html")));

        var merge = MbsimProcess.Run("results", "merge", merged, a, b);
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Contains("Merged 13 distinct tests", merge.Stdout); // 5 + 2 + 6
        Assert.Equal(13, ResultStore.LoadRows(merged).Count);
        string index = File.ReadAllText(Path.Combine(merged, "index.html"));
        Assert.Contains("mbsim results merge", index);
        Assert.Contains("<td>stored tests</td><td>13 (0 failed)</td>", index);
    }

    [Theory]
    [InlineData("--step", "4")]
    [InlineData("--shard", "3/2")]
    [InlineData("--max-requests", "0")]
    [InlineData("--parallel", "0")]
    public void Invalid_suite_options_fail_naming_the_option(string option, string value)
    {
        using var tmp = new TempFiles();
        var (code, _, stderr) = MbsimProcess.Run("suite", option, value, "--out", tmp.Folder);
        Assert.NotEqual(0, code);
        Assert.Contains(option, stderr);
    }

    private static int LineCount(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            int lines = 0;
            while (reader.ReadLine() is not null)
            {
                lines++;
            }

            return lines;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
