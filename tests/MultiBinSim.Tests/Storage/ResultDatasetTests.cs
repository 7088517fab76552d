using DuckDB.NET.Data;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Experiments;

namespace MultiBinSim.Tests.Storage;

public class ResultDatasetTests
{
    [Fact]
    public async Task Each_stored_test_is_one_part_file_and_closing_the_store_compacts_them_into_one()
    {
        using var tmp = new TempFiles();
        var dataset = new ResultDataset(Path.Combine(tmp.Folder, ResultStore.ParquetName));
        var rows = Enumerable.Range(0, 7).Select(SyntheticRows.Make).ToList();
        await using (var store = await ResultStore.OpenAsync(tmp.Folder))
        {
            string journal = store.CsvPath;
            byte[]? firstPart = null,
                journalBefore = null;
            for (int i = 0; i < rows.Count; i++)
            {
                await store.AppendAsync(rows[i]);
                Assert.Equal(i + 1, dataset.Parts().Count);
                firstPart ??= File.ReadAllBytes(dataset.Parts()[0]);
                Assert.Equal(firstPart, File.ReadAllBytes(dataset.Parts()[0])); // earlier parts are never rewritten
                if (journalBefore is not null)
                {
                    byte[] now = File.ReadAllBytes(journal);
                    Assert.Equal(journalBefore, now[..journalBefore.Length]); // the journal only grows at its end
                    Assert.Equal(ResultCsv.FormatLine(rows[i]), System.Text.Encoding.UTF8.GetString(now[journalBefore.Length..]));
                }

                journalBefore = File.ReadAllBytes(journal);
            }

            Assert.True(await dataset.MatchesAsync(rows, ResultSchema.Names));
            Assert.False(File.Exists(Path.Combine(tmp.Folder, "step1_request_scaling.csv"))); // views wait for the end of the run
        }

        Assert.Single(dataset.Parts());
        Assert.True(await dataset.MatchesAsync(rows, ResultSchema.Names));
        await ReleaseResultsTests.AssertConsistentAsync(tmp.Folder);
    }

    [Fact]
    public async Task Step_views_are_written_when_the_run_ends_not_after_every_test()
    {
        using var tmp = new TempFiles();
        await using (var store = await ResultStore.OpenAsync(tmp.Folder))
        {
            await store.AppendAsync(SyntheticRows.Make(0));
        }

        string view = Path.Combine(tmp.Folder, "step1_request_scaling.csv");
        string before = File.ReadAllText(view);
        await using (var store = await ResultStore.OpenAsync(tmp.Folder))
        {
            await store.AppendAsync(SyntheticRows.Make(3)); // step 1 again
            Assert.Equal(before, File.ReadAllText(view));
            await store.CompactAsync();
            Assert.Equal(2, ResultCsv.ReadAll(view).Count);
        }
    }

    [Fact]
    public async Task A_kill_during_compaction_or_between_the_two_writes_is_repaired_from_the_journal_on_open()
    {
        using var tmp = new TempFiles();
        var rows = Enumerable.Range(0, 5).Select(SyntheticRows.Make).ToList();
        string folder = Path.Combine(tmp.Folder, "store");
        await using (var store = await ResultStore.OpenAsync(folder))
        {
            foreach (var row in rows)
            {
                await store.AppendAsync(row);
            }
        }

        var dataset = new ResultDataset(Path.Combine(folder, ResultStore.ParquetName));
        string compacted = dataset.Parts().Single();

        // Killed during a compaction: the new file is in place but an old part (and a temporary file) are left.
        File.Copy(compacted, Path.Combine(dataset.Path, "part-00000000.parquet"));
        File.WriteAllText(Path.Combine(dataset.Path, "part-00000099.parquet.tmp"), "half a file");
        Assert.False(await dataset.MatchesAsync(rows, ResultSchema.Names));
        (await ResultStore.OpenAsync(folder)).Dispose();
        Assert.Single(dataset.Parts());
        Assert.Empty(Directory.GetFiles(dataset.Path, "*.tmp"));
        Assert.True(await dataset.MatchesAsync(rows, ResultSchema.Names));

        // Killed between the journal line and the part: the dataset lacks the last row.
        await dataset.ReplaceAsync(rows.Take(4).ToList(), ResultSchema.Names);
        (await ResultStore.OpenAsync(folder)).Dispose();
        Assert.True(await dataset.MatchesAsync(rows, ResultSchema.Names));

        // The previous release's single-file mirror becomes a dataset folder.
        Directory.Delete(dataset.Path, recursive: true);
        File.WriteAllText(dataset.Path, "the previous release's single file");
        (await ResultStore.OpenAsync(folder)).Dispose();
        Assert.True(Directory.Exists(dataset.Path));
        Assert.True(await dataset.MatchesAsync(rows, ResultSchema.Names));
    }

    [Fact]
    public async Task DuckDB_reads_the_dataset_folder_as_one_table_with_typed_list_and_timestamp_columns()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 1) with { MaxRequests = 1_000 });
        var journal = ResultCsv.ReadAll(Path.Combine(tmp.Folder, ResultStore.CsvName));
        string glob = Path.Combine(tmp.Folder, ResultStore.ParquetName, "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();

        Assert.Equal((journal.Count, journal.Sum(r => (long)r.Get<int>("num_completed")!.Value)), Totals(connection, glob));

        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT test_key, bin_request_counts, typeof(bin_request_counts), typeof(\"timestamp\"), epoch_ms(\"timestamp\") FROM read_parquet('{glob}')";
            using var reader = command.ExecuteReader();
            int n = 0;
            while (reader.Read())
            {
                var row = journal.Single(r => r.TestKey == reader.GetString(0));
                var counts = ((System.Collections.IEnumerable)reader.GetValue(1)).Cast<object>().Select(Convert.ToInt64).ToArray();
                Assert.Equal((IReadOnlyList<long>)row["bin_request_counts"]!, counts);
                Assert.Equal("BIGINT[]", reader.GetString(2));
                Assert.StartsWith("TIMESTAMP", reader.GetString(3), StringComparison.Ordinal);
                Assert.Equal(new DateTimeOffset((DateTime)row["timestamp"]!).ToUnixTimeMilliseconds(), reader.GetInt64(4));
                n++;
            }

            Assert.Equal(journal.Count, n);
        }

        // While a run is still storing, the folder holds several parts, and reads as one table too.
        await using (var store = await ResultStore.OpenAsync(tmp.Folder))
        {
            await store.AppendAsync(SyntheticRows.Make(0));
            await store.AppendAsync(SyntheticRows.Make(1));
            Assert.Equal(3, new ResultDataset(store.ParquetPath).Parts().Count);
            var all = ResultCsv.ReadAll(store.CsvPath);
            Assert.Equal((all.Count, all.Sum(r => (long)(r.Get<int>("num_completed") ?? 0))), Totals(connection, glob));
        }
    }

    private static (long Count, long Completed) Totals(DuckDBConnection connection, string glob)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), CAST(sum(num_completed) AS BIGINT) FROM read_parquet('{glob}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
