using MultiBinSim.Storage;
using MultiBinSim.Tests.Storage;

namespace MultiBinSim.Tests.Cli;

public class ReleaseResultsCommandTests
{
    [Fact]
    public async Task Mbsim_suite_resumes_a_copy_of_the_previous_release_folder_and_leaves_a_consistent_store()
    {
        using var tmp = new TempFiles();
        string folder = ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "old"));
        var (header, text) = ReleaseFixture.JournalText();
        // The options the fixture was written with (its analysis.json manifest).
        var (code, stdout, stderr) = MbsimProcess.Run("suite", "--max-requests", "2000", "--max-gpus", "4", "--parallel", "2", "--no-charts", "--out", folder);
        Assert.True(code == 0, stderr);
        Assert.Contains("Step 3", stdout);

        var journal = ResultCsv.ReadAll(Path.Combine(folder, ResultStore.CsvName));
        ReleaseResultsTests.AssertOldRowsKept(folder, header, text, extraRows: journal.Count - text.Count);
        var latest = ResultStore.LoadRows(folder);
        Assert.Equal(latest.Count, latest.Select(r => r.TestKey).Distinct().Count());
        Assert.True(latest.Count >= text.Count);
        Assert.All(latest, r => Assert.True(r.Succeeded));
        // 5 + 3 + 6 planned tests: each either skipped (already stored) or run and appended after the old rows.
        var counts = System
            .Text.RegularExpressions.Regex.Matches(stdout, @": (\d+) tests to run(?:, (\d+) already stored)?")
            .Select(m => (Run: int.Parse(m.Groups[1].Value), Skipped: m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 0))
            .ToList();
        Assert.Equal(3, counts.Count);
        Assert.Equal(14, counts.Sum(c => c.Run + c.Skipped));
        Assert.Equal(text.Count + counts.Sum(c => c.Run), journal.Count);
        await ReleaseResultsTests.AssertConsistentAsync(folder);
    }
}
