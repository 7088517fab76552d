using System.Text.Json;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Cli;

public class ResearchCommandTests
{
    [Fact]
    public void Validate_theory_prints_json_within_one_percent()
    {
        var (code, stdout, stderr) = MbsimProcess.Run("validate", "theory", "--json", "--requests", "200000");
        Assert.True(code == 0, stderr);
        var points = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal(15, points.Length);
        Assert.All(points, p => Assert.True(p.GetProperty("relative_error").GetDouble() < 0.01));
    }

    [Fact]
    public void Capacity_and_predictor_sweep_write_their_results()
    {
        using var tmp = new TempFiles();
        var capacity = MbsimProcess.Run("capacity", "--requests", "5000", "--schedulers", "static_fifo,multi_bin_fixed", "--gpus", "1,2", "--out", tmp.Folder);
        Assert.True(capacity.ExitCode == 0, capacity.Stderr);
        Assert.Contains("capacity (req/s)", capacity.Stdout);
        Assert.Equal(4, MultiBinSim.Storage.ResultStore.LoadStep(tmp.Folder, 4).Rows.Count);
        var sweep = MbsimProcess.Run("sweep", "predictors", "--requests", "5000", "--gpus", "2", "--out", tmp.Folder);
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "predictor_sweep.csv")));
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "charts", "predictor_sweep.html")));
        string index = File.ReadAllText(Path.Combine(tmp.Folder, "index.html")); // the sweep's front page keeps the capacity search
        Assert.Contains("mbsim sweep predictors --requests 5000", index);
        Assert.Contains("href=\"charts/capacity_vs_gpus.html\"", index);
        Assert.Contains("href=\"charts/predictor_sweep_capacity.html\"", index);
        Assert.Contains("href=\"predictor_sweep.csv\"", index);
        var bad = MbsimProcess.Run("capacity", "--gpus", "0", "--out", tmp.Folder);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--gpus", bad.Stderr);
    }
}
