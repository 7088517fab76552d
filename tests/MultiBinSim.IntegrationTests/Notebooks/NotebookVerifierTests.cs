using MultiBinSim.Notebooks;
using static MultiBinSim.Tests.Notebooks.NotebookFixtures;

namespace MultiBinSim.Tests.Notebooks;

[Collection(NotebookCollection.Name)]
public class NotebookVerifierTests
{
    private static async Task<string> ExecutedNotebook(TempFiles tmp, string code)
    {
        string path = Write(tmp, "nb.ipynb", Code("int Seed = 7;", "parameters"), Code(code));
        var run = await NotebookRunner.RunAsync(path);
        Assert.True(run.Succeeded, run.Failure?.Error);
        NotebookFile.Save(run.Document, path);
        return path;
    }

    [Fact]
    public async Task An_unchanged_notebook_verifies()
    {
        using var tmp = new TempFiles();
        string path = await ExecutedNotebook(
            tmp,
            "Console.WriteLine($\"capacity {Seed * 6} req/s, took 0.{DateTime.Now.Millisecond:000} s at {DateTime.UtcNow:O}\");"
        );
        var result = await NotebookVerifier.VerifyAsync(path);
        Assert.True(result.Identical, string.Join("\n", result.Differences.SelectMany(d => d.Diff)));
    }

    [Fact]
    public async Task A_changed_number_is_reported_with_a_diff()
    {
        using var tmp = new TempFiles();
        string path = await ExecutedNotebook(tmp, "Console.WriteLine($\"capacity {Seed * 6} req/s\");");
        File.WriteAllText(path, File.ReadAllText(path).Replace("capacity 42 req/s", "capacity 43 req/s"));
        var result = await NotebookVerifier.VerifyAsync(path);
        Assert.False(result.Identical);
        var difference = Assert.Single(result.Differences);
        Assert.Equal(2, difference.Number);
        Assert.Contains("- capacity 43 req/s", difference.Diff);
        Assert.Contains("+ capacity 42 req/s", difference.Diff);
    }

    [Fact]
    public async Task A_changed_timing_date_or_path_is_ignored()
    {
        using var tmp = new TempFiles();
        string path = await ExecutedNotebook(
            tmp,
            "Console.WriteLine($\"done in 1.5 s on 2026-01-02T03:04:05Z, elapsed 120 ms, wrote {System.IO.Directory.GetCurrentDirectory()}/x\");"
        );
        string text = File.ReadAllText(path)
            .Replace("in 1.5 s", "in 9.25 s")
            .Replace("2026-01-02T03:04:05Z", "2027-12-31T23:59:59Z")
            .Replace("elapsed 120 ms", "elapsed 7 ms");
        File.WriteAllText(path, text);
        var result = await NotebookVerifier.VerifyAsync(path);
        Assert.True(result.Identical, string.Join("\n", result.Differences.SelectMany(d => d.Diff)));
    }

    [Fact]
    public void Normalizer_masks_volatile_fields_only()
    {
        Assert.Equal("#page_<id> of table_<id>", OutputNormalizer.Normalize("#page_639314260258104118 of table_639314260258104119", []));
        string text = OutputNormalizer.Normalize(
            "took 3.2 s; table_638000000000 id 0f8fad5b-d9cb-469f-a165-70867728950e at 2026-11-28 00:12:44; capacity 51.33",
            ["/work/x"]
        );
        Assert.Equal("took <duration>; table_<id> id <id> at <time>; capacity 51.33", text);
    }
}
