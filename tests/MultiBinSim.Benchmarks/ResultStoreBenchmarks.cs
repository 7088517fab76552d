using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MultiBinSim.Storage;

namespace MultiBinSim.Benchmarks;

/// <summary>
/// Storing a sweep of n finished tests (synthetic rows of the full schema, no simulation) into a fresh results folder:
/// open the store, append every row (journal line + Parquet part file each, both flushed to disk), close it
/// (compaction into one Parquet file, step views). The per-test cost (mean / n) must stay flat as n grows.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ResultStoreBenchmarks
{
    private string _folder = "";
    private ResultRow[] _rows = [];

    /// <summary>Tests in the sweep (34 = the default suite).</summary>
    [Params(34, 250, 500, 1000)]
    public int Tests { get; set; }

    [GlobalSetup]
    public void MakeRows() => _rows = Enumerable.Range(0, Tests).Select(Row).ToArray();

    [IterationSetup]
    public void NewFolder() => _folder = Path.Combine(Path.GetTempPath(), "mbsim-store-bench-" + Guid.NewGuid().ToString("N"));

    [IterationCleanup]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "store a sweep of n tests (open, append each, close)")]
    public async Task StoreSweep()
    {
        await using var store = await ResultStore.OpenAsync(_folder);
        foreach (var row in _rows)
        {
            await store.AppendAsync(row);
        }
    }

    private static ResultRow Row(int i)
    {
        var values = new object?[ResultSchema.Columns.Count];
        for (int c = 0; c < values.Length; c++)
        {
            var column = ResultSchema.Columns[c];
            values[c] = column.Kind switch
            {
                ColumnKind.String => $"{column.Name}-{i}",
                ColumnKind.Int32 => i + c,
                ColumnKind.Int64 => 1_000_000L * i + c,
                ColumnKind.Double => (i + 1) / 7.0 + c,
                ColumnKind.Boolean => i % 2 == 0,
                ColumnKind.Int64List => new long[] { i, 2L * i, 3L * i, 4L * i },
                ColumnKind.Timestamp => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i),
                _ => null,
            };
        }

        values[ResultSchema.IndexOf("test_key")] = $"sweep-{i:D6}";
        values[ResultSchema.IndexOf("step")] = 1 + i % 3;
        values[ResultSchema.IndexOf("status")] = ResultRow.Success;
        values[ResultSchema.IndexOf("error_message")] = null;
        return new ResultRow(values);
    }
}
