using System.Globalization;
using CsvHelper;
using MultiBinSim.Experiments;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Experiments;

namespace MultiBinSim.Tests.Storage;

/// <summary>
/// A results folder written by the previous release (fixture release-0.1-results) stays readable, resumable and
/// mergeable, also after columns are added. Every test works on a temporary copy of the fixture.
/// </summary>
public class ReleaseResultsTests
{
    [Fact]
    public void The_previous_release_journal_loads_with_every_cell_as_written()
    {
        using var tmp = new TempFiles();
        string folder = ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "old"));
        var (header, text) = ReleaseFixture.JournalText();
        var rows = ResultCsv.ReadAll(Path.Combine(folder, ResultStore.CsvName));

        Assert.Equal(14, rows.Count);
        Assert.Equal(text.Count, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < header.Length; c++)
            {
                Assert.Equal(text[r][c], ResultCsv.FormatValue(rows[r][header[c]]));
            }
        }

        // A few cells, as they stand in the fixture's text.
        var first = rows[0];
        Assert.Equal("c57f152dcafb7d4d5370aae63a9b82ba", first.TestKey);
        Assert.Equal("dynamic_no_bins", first.GetString("scheduler_type"));
        Assert.Equal(4.510067309047954, first.Get<double>("avg_latency"));
        Assert.Equal(848437L, first.Get<long>("total_tokens"));
        Assert.Equal(new long[] { 1000 }, (IReadOnlyList<long>)first["bin_request_counts"]!);
        Assert.Equal(new DateTime(2026, 11, 28, 4, 40, 41, 845, DateTimeKind.Utc), (DateTime)first["timestamp"]!);
        Assert.Null(first["error_message"]);

        var frame = ResultStore.Load(folder);
        Assert.Equal(14, frame.Rows.Count);
        Assert.Equal("1000", frame.Columns["bin_request_counts"][0]);
        Assert.Equal("2026-11-28T04:40:41.845Z", frame.Columns["timestamp"][0]);
    }

    [Fact]
    public async Task The_previous_release_single_file_parquet_reads_by_name_to_the_same_rows()
    {
        var journal = ResultCsv.ReadAll(Path.Combine(ReleaseFixture.Folder, ResultStore.CsvName));
        var (table, _) = await ResultParquet.ReadFileAsync(Path.Combine(ReleaseFixture.Folder, ResultStore.ParquetName));
        Assert.Equal(journal.Select(r => ResultCsv.FormatLine(r)), table.Rows.Select(r => ResultCsv.FormatLine(r)));
    }

    [Fact]
    public async Task Opening_the_previous_release_folder_and_appending_keeps_every_old_value()
    {
        using var tmp = new TempFiles();
        string folder = ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "old"));
        var (header, text) = ReleaseFixture.JournalText();
        var appended = SyntheticRows.Make(1);
        await using (var store = await ResultStore.OpenAsync(folder))
        {
            Assert.Equal(14, store.Rows.Count);
            await store.AppendAsync(appended);
        }

        AssertOldRowsKept(folder, header, text, extraRows: 1);
        var journal = ResultCsv.ReadAll(Path.Combine(folder, ResultStore.CsvName));
        Assert.Equal(ResultCsv.FormatLine(appended), ResultCsv.FormatLine(journal[^1]));
        await AssertConsistentAsync(folder);
    }

    [Fact]
    public async Task An_older_journal_without_some_columns_is_migrated_with_every_value_and_unknown_columns_kept()
    {
        using var tmp = new TempFiles();
        string folder = ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "old"));
        // An even older layout: two metrics not there yet, columns in another order, one column this version does not know.
        var (header, text) = ReleaseFixture.JournalText();
        string[] dropped = ["offered_load_requests_per_sec", "min_gpu_utilization"];
        var keep = Enumerable.Range(0, header.Length).Where(c => !dropped.Contains(header[c])).Reverse().ToArray();
        string[] oldHeader = [.. keep.Select(c => header[c]), "legacy_note"];
        var oldRows = text.Select((row, r) => (string[])[.. keep.Select(c => row[c]), r % 2 == 0 ? $"note, \"{r}\"" : ""]).ToList();
        string journalPath = Path.Combine(folder, ResultStore.CsvName);
        WriteCsv(journalPath, oldHeader, oldRows);
        var before = File.ReadAllText(journalPath);

        var loaded = ResultCsv.ReadAll(journalPath); // reading never changes the file
        Assert.Equal(before, File.ReadAllText(journalPath));
        Assert.All(loaded, r => Assert.Null(r["offered_load_requests_per_sec"]));
        Assert.Equal("note, \"0\"", loaded[0]["legacy_note"]);

        await using (var store = await ResultStore.OpenAsync(folder))
        {
            Assert.Equal([.. ResultSchema.Names, "legacy_note"], store.Layout);
            await store.AppendAsync(SyntheticRows.Make(2));
        }

        var (newHeader, newText) = ReleaseFixture.JournalText(journalPath);
        Assert.Equal([.. ResultSchema.Names, "legacy_note"], newHeader);
        AssertOldRowsKept(folder, oldHeader, oldRows, extraRows: 1);
        Assert.All(dropped, name => Assert.Equal("", newText[0][Array.IndexOf(newHeader, name)])); // missing = null
        Assert.Equal("", newText[^1][^1]); // the new row has no value for the unknown column
        await AssertConsistentAsync(folder);

        // Unknown columns are carried through a merge too, and appear in DataFrames after this version's columns.
        using var merged = new TempFiles();
        await ResultsMerger.MergeAsync(merged.Folder, [folder]);
        Assert.Equal(newText.Select(r => r[^1]), ReleaseFixture.JournalText(Path.Combine(merged.Folder, ResultStore.CsvName)).Rows.Select(r => r[^1]));
        Assert.Equal("legacy_note", ResultStore.Load(merged.Folder).Columns[^1].Name);
    }

    [Fact]
    public async Task A_journal_with_every_column_in_another_order_is_appended_to_in_its_own_order_without_a_rewrite()
    {
        using var tmp = new TempFiles();
        string folder = ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "old"));
        string journalPath = Path.Combine(folder, ResultStore.CsvName);
        await using (await ResultStore.OpenAsync(folder))
        {
            // Opening migrates the release journal to every column of this version.
        }

        var (header, text) = ReleaseFixture.JournalText(journalPath);
        var order = Enumerable.Range(0, header.Length).Reverse().ToArray();
        WriteCsv(journalPath, order.Select(c => header[c]).ToArray(), text.Select(r => order.Select(c => r[c]).ToArray()).ToList());
        var before = File.ReadAllText(journalPath);
        var row = SyntheticRows.Make(3);
        await using (var store = await ResultStore.OpenAsync(folder))
        {
            await store.AppendAsync(row);
        }

        string after = File.ReadAllText(journalPath);
        Assert.StartsWith(before, after);
        Assert.Equal(ResultCsv.FormatLine(row), ResultCsv.FormatLine(ResultCsv.ReadAll(journalPath)[^1]));
        await AssertConsistentAsync(folder);
    }

    [Fact]
    public async Task The_previous_release_folder_merges_with_a_current_store()
    {
        using var tmp = new TempFiles();
        string old = ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "old"));
        string current = Path.Combine(tmp.Folder, "current");
        await SuiteFixture.Run(SuiteFixture.Small(current, 1) with { MaxRequests = 1_000 });
        var (header, text) = ReleaseFixture.JournalText();
        var currentRows = ResultStore.LoadRows(current);

        string merged = Path.Combine(tmp.Folder, "merged");
        var (count, duplicates) = await ResultsMerger.MergeAsync(merged, [old, current]);
        var keys = text.Select(r => r[0]).Concat(currentRows.Select(r => r.TestKey)).ToList();
        Assert.Equal(keys.Distinct().Count(), count);
        Assert.Equal(keys.Count - count, duplicates);
        AssertOldRowsKept(merged, header, text, extraRows: count - text.Count);
        await AssertConsistentAsync(merged);

        // Merging into the old folder itself works as well (its store is opened, migrated if needed, then replaced).
        await ResultsMerger.MergeAsync(old, [current]);
        AssertOldRowsKept(old, header, text, extraRows: count - text.Count);
        await AssertConsistentAsync(old);
    }

    /// <summary>The journal's first rows hold the old rows' text column by column; <paramref name="extraRows"/> more follow.</summary>
    internal static void AssertOldRowsKept(string folder, string[] header, List<string[]> text, int extraRows)
    {
        var (newHeader, newText) = ReleaseFixture.JournalText(Path.Combine(folder, ResultStore.CsvName));
        Assert.Equal(text.Count + extraRows, newText.Count);
        for (int r = 0; r < text.Count; r++)
        {
            for (int c = 0; c < header.Length; c++)
            {
                Assert.Equal(text[r][c], newText[r][Array.IndexOf(newHeader, header[c])]);
            }
        }
    }

    /// <summary>The Parquet dataset is one part equal to the journal; every step view equals the journal's view rows.</summary>
    internal static async Task AssertConsistentAsync(string folder)
    {
        var table = ResultCsv.Read(Path.Combine(folder, ResultStore.CsvName));
        var dataset = new ResultDataset(Path.Combine(folder, ResultStore.ParquetName));
        Assert.Single(dataset.Parts());
        Assert.True(await dataset.MatchesAsync(table.Rows, table.Header));
        foreach (var (step, name) in ResultStore.StepViews.Where(v => table.Rows.Exists(r => r.Step == v.Step)))
        {
            var expected = ResultStore.ViewRows(table.Rows, step).Select(r => ResultCsv.FormatLine(r, table.Header));
            Assert.Equal(expected, ResultCsv.ReadAll(Path.Combine(folder, name + ".csv")).Select(r => ResultCsv.FormatLine(r, table.Header)));
            var (view, _) = await ResultParquet.ReadFileAsync(Path.Combine(folder, name + ".parquet"));
            Assert.Equal(expected, view.Rows.Select(r => ResultCsv.FormatLine(r, table.Header)));
        }
    }

    private static void WriteCsv(string path, string[] header, List<string[]> rows)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var h in header)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }
    }
}
