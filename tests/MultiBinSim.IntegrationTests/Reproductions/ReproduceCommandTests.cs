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
        var (code, stdout, stderr) = MbsimProcess.Run(
            "reproduce",
            "multibin-fig8",
            "--quick",
            "--seeds",
            "1",
            "--out",
            tmp.Folder,
            "--json",
            "--check",
            "--traces",
            "none"
        );
        Assert.True(code == 0, stderr);
        var figure = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToArray());
        Assert.Equal("multibin-fig8", figure.GetProperty("name").GetString());
        Assert.True(figure.GetProperty("all_within_tolerance").GetBoolean());
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "multibin-fig8.csv")));
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "multibin-fig8.html")));
        Assert.All(figure.GetProperty("comparisons").EnumerateArray(), c => Assert.True(c.GetProperty("within_tolerance").GetBoolean()));

        // The folder's front page links the page, its CSV and JSON; the page loads the one plotly.js beside it.
        string index = File.ReadAllText(Path.Combine(tmp.Folder, "index.html"));
        Assert.Contains("href=\"multibin-fig8.html\"", index);
        Assert.Contains("href=\"multibin-fig8.csv\"", index);
        Assert.Contains("href=\"multibin-fig8.json\"", index);
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "plotly-2.28.0.min.js")));
        Assert.Contains("<script src=\"plotly-2.28.0.min.js\"></script>", File.ReadAllText(Path.Combine(tmp.Folder, "multibin-fig8.html")));
        Assert.True(new FileInfo(Path.Combine(tmp.Folder, "multibin-fig8.html")).Length < 100_000);
        var again = MbsimProcess.Run("reproduce", "multibin-fig8", "--quick", "--seeds", "1", "--out", tmp.Folder, "--json", "--check", "--traces", "none");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(index, File.ReadAllText(Path.Combine(tmp.Folder, "index.html")));
    }
}
