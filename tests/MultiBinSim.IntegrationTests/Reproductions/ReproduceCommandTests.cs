using System.Text.Json;
using MultiBinSim.Tests.Cli;

namespace MultiBinSim.Tests.Reproductions;

public class ReproduceCommandTests
{
    [Fact]
    public void Unknown_name_fails_with_one_line_listing_the_known_names()
    {
        var (code, stdout, stderr) = MbsimProcess.Run("reproduce", "multibin-fig99");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: NAME: unknown reproduction 'multibin-fig99'; known: multibin-thm42, multibin-fig3", line);
        var bad = MbsimProcess.Run("reproduce", "multibin-fig8", "--parallel", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--parallel", bad.Stderr);
    }

    [Fact]
    public void Writes_files_prints_json_and_checks()
    {
        using var tmp = new TempFiles();
        var (code, stdout, stderr) = MbsimProcess.Run("reproduce", "multibin-fig8", "--quick", "--seeds", "1", "--out", tmp.Folder, "--json", "--check", "--traces", "none");
        Assert.True(code == 0, stderr);
        var figure = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToArray());
        Assert.Equal("multibin-fig8", figure.GetProperty("name").GetString());
        Assert.True(figure.GetProperty("all_within_tolerance").GetBoolean());
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "multibin-fig8.csv")));
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "multibin-fig8.html")));
        Assert.All(figure.GetProperty("comparisons").EnumerateArray(), c => Assert.True(c.GetProperty("within_tolerance").GetBoolean()));
    }
}
