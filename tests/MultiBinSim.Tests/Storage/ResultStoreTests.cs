using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Experiments;

namespace MultiBinSim.Tests.Storage;

public class ResultStoreTests
{
    [Fact]
    public async Task A_second_writer_on_the_same_folder_fails_with_a_clear_message()
    {
        using var tmp = new TempFiles();
        using var first = await ResultStore.OpenAsync(tmp.Folder);
        var e = await Assert.ThrowsAsync<ResultStoreException>(() => ResultStore.OpenAsync(tmp.Folder, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("in use by another mbsim process", e.Message);
        Assert.Contains(tmp.Folder, e.Message);
    }

    [Fact]
    public async Task The_lock_is_released_when_the_store_closes()
    {
        using var tmp = new TempFiles();
        (await ResultStore.OpenAsync(tmp.Folder)).Dispose();
        using var again = await ResultStore.OpenAsync(tmp.Folder, TimeSpan.FromMilliseconds(300));
        Assert.Empty(again.Rows);
    }

    [Fact]
    public async Task A_foreign_or_damaged_journal_is_reported_by_name_and_left_untouched()
    {
        using var tmp = new TempFiles();
        string csv = Path.Combine(tmp.Folder, ResultStore.CsvName);
        const string foreign = "scheduler,throughput\nstatic_fifo,3.5\n";
        File.WriteAllText(csv, foreign);
        var e = await Assert.ThrowsAsync<ResultStoreException>(() => ResultStore.OpenAsync(tmp.Folder));
        Assert.Contains(csv, e.Message);
        Assert.Equal(foreign, File.ReadAllText(csv));
        Assert.Throws<ResultStoreException>(() => ResultStore.Load(tmp.Folder));

        await SuiteFixture.Run(SuiteFixture.Small(Path.Combine(tmp.Folder, "good"), 1) with { MaxRequests = 1_000 });
        string good = Path.Combine(tmp.Folder, "good", ResultStore.CsvName);
        string damaged = File.ReadAllText(good).Replace(",success,", ",success,extra,");
        File.WriteAllText(good, damaged);
        var d = await Assert.ThrowsAsync<ResultStoreException>(() => ResultStore.OpenAsync(Path.Combine(tmp.Folder, "good")));
        Assert.Contains($"{good}:2", d.Message);
        Assert.Equal(damaged, File.ReadAllText(good));
    }

    [Fact]
    public async Task A_damaged_parquet_part_is_reported_and_left_untouched()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 1) with { MaxRequests = 1_000 });
        string part = new ResultDataset(Path.Combine(tmp.Folder, ResultStore.ParquetName)).Parts().Single();
        var bytes = File.ReadAllBytes(part)[..100];
        File.WriteAllBytes(part, bytes);
        var e = await Assert.ThrowsAsync<ResultStoreException>(() => ResultStore.OpenAsync(tmp.Folder));
        Assert.Contains(part, e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(part));
    }

    [Fact]
    public async Task A_dataset_one_row_behind_the_journal_is_rebuilt_on_open()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 1) with { MaxRequests = 1_000 });
        var dataset = new ResultDataset(Path.Combine(tmp.Folder, ResultStore.ParquetName));
        var journal = ResultCsv.ReadAll(Path.Combine(tmp.Folder, ResultStore.CsvName));
        // Simulate a kill between the journal write and the Parquet write: the dataset lacks the last row.
        await dataset.ReplaceAsync(journal.Take(journal.Count - 1).ToList(), ResultSchema.Names);
        using (await ResultStore.OpenAsync(tmp.Folder)) { }

        Assert.Equal(SuiteFixture.Comparable(journal), SuiteFixture.Comparable(await dataset.ReadAllAsync()));
    }

    [Fact]
    public async Task Loaded_results_are_typed_columns()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 1) with { MaxRequests = 1_000 });
        var frame = ResultStore.Load(tmp.Folder);
        Assert.Equal(typeof(int), frame.Columns["num_gpus"].DataType);
        Assert.Equal(typeof(long), frame.Columns["total_tokens"].DataType);
        Assert.Equal(typeof(double), frame.Columns["sla_violation_rate"].DataType);
        Assert.Equal(typeof(bool), frame.Columns["use_real_timestamps"].DataType);
        Assert.Equal(typeof(string), frame.Columns["scheduler_type"].DataType);
        Assert.Equal(typeof(string), frame.Columns["bin_request_counts"].DataType); // as the CSV shows it, e.g. "250 250 250 250"
        Assert.Equal(typeof(string), frame.Columns["timestamp"].DataType);
        Assert.Equal(ResultSchema.Names, frame.Columns.Select(c => c.Name));
        Assert.Equal(5, frame.Rows.Count);
    }
}
