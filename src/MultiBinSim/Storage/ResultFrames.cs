using Microsoft.Data.Analysis;

namespace MultiBinSim.Storage;

/// <summary>Result rows as a typed DataFrame (string, int, long, double and bool columns; nulls where a value is missing).</summary>
public static class ResultFrames
{
    public static DataFrame ToDataFrame(IReadOnlyList<ResultRow> rows)
    {
        var columns = new List<DataFrameColumn>(ResultSchema.Columns.Count);
        for (int c = 0; c < ResultSchema.Columns.Count; c++)
        {
            var column = ResultSchema.Columns[c];
            var values = rows.Select(r => r[c]).ToArray();
            columns.Add(ParquetFrames.CreateColumn(column.Name, ClrType(column.Kind), values));
        }

        return new DataFrame(columns);
    }

    /// <summary>The columns a reader looks at first, in a stable order and without timings (for notebooks and reports).</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
    [
        "step", "scheduler_type", "num_requests", "num_gpus", "k_bins", "sla_violation_rate", "capacity_qps_under_sla",
        "throughput_requests_per_sec", "avg_latency", "p95_latency", "avg_gpu_utilization", "avg_batch_size", "status",
    ];

    /// <summary>A copy of <paramref name="frame"/> with only <see cref="SummaryColumns"/> (or the given columns).</summary>
    public static DataFrame Summary(DataFrame frame, IReadOnlyList<string>? columns = null) =>
        new((columns ?? SummaryColumns).Select(name => frame.Columns[name].Clone()));

    /// <summary>Rows of a DataFrame with exactly the result schema's columns (as read back from Parquet).</summary>
    public static List<ResultRow> FromDataFrame(DataFrame frame, string source)
    {
        var names = frame.Columns.Select(c => c.Name).ToArray();
        if (!names.SequenceEqual(ResultSchema.Names))
        {
            throw new ResultStoreException($"{source}: not a MultiBinSim results table of this version ({names.Length} columns; expected {ResultSchema.Names.Count}). It was left untouched.");
        }

        var rows = new List<ResultRow>((int)frame.Rows.Count);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var values = new object?[names.Length];
            for (int c = 0; c < names.Length; c++)
            {
                values[c] = frame.Columns[c][r];
            }

            rows.Add(new ResultRow(values));
        }

        return rows;
    }

    public static Type ClrType(ColumnKind kind) => kind switch
    {
        ColumnKind.String => typeof(string),
        ColumnKind.Int32 => typeof(int),
        ColumnKind.Int64 => typeof(long),
        ColumnKind.Double => typeof(double),
        ColumnKind.Boolean => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
