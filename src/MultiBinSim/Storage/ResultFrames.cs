using Microsoft.Data.Analysis;

namespace MultiBinSim.Storage;

/// <summary>
/// Result rows as a typed DataFrame: string, int, long, double and bool columns (nulls where a value is missing);
/// per-bin vectors and the timestamp as their CSV text (string columns), so tables show what the CSV holds; columns
/// kept from another version as string columns after this version's.
/// </summary>
public static class ResultFrames
{
    /// <summary>The DataFrame of <paramref name="rows"/>: this version's columns in order, then any kept columns.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<DataFrameColumn>(ResultSchema.Columns.Count);
        for (int c = 0; c < ResultSchema.Columns.Count; c++)
        {
            var column = ResultSchema.Columns[c];
            var values = rows.Select(r => FrameValue(column.Kind, r[c])).ToArray();
            columns.Add(ParquetFrames.CreateColumn(column.Name, ClrType(column.Kind), values));
        }

        foreach (var name in ResultTable.Union(rows.Select(r => r.Extra.Keys)).Skip(ResultSchema.Columns.Count))
        {
            columns.Add(new StringDataFrameColumn(name, rows.Select(r => r.Extra.GetValueOrDefault(name))));
        }

        return new DataFrame(columns);
    }

    /// <summary>The columns a reader looks at first, in a stable order and without timings (for notebooks and reports).</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
    [
        ConfigurationColumns.Step.Name,
        ConfigurationColumns.SchedulerType.Name,
        "num_requests",
        ConfigurationColumns.NumGpus.Name,
        ConfigurationColumns.KBins.Name,
        "sla_violation_rate",
        "capacity_qps_under_sla",
        "throughput_requests_per_sec",
        "avg_latency",
        "p95_latency",
        "avg_gpu_utilization",
        "avg_batch_size",
        ConfigurationColumns.Status.Name,
    ];

    /// <summary>A copy of <paramref name="frame"/> with only <see cref="SummaryColumns"/> (or the given columns).</summary>
    public static DataFrame Summary(DataFrame frame, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new((columns ?? SummaryColumns).Select(name => frame.Columns[name].Clone()));
    }

    /// <summary>
    /// Rows of a DataFrame of result columns, read by column name (as <see cref="ToDataFrame"/> writes it, or as any
    /// version wrote it): missing columns are null, unknown columns are kept as text.
    /// </summary>
    public static List<ResultRow> FromDataFrame(DataFrame frame, string source)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var names = frame.Columns.Select(c => c.Name).ToArray();
        var map = ResultCsv.HeaderMap(source, names);
        var rows = new List<ResultRow>((int)frame.Rows.Count);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var values = new object?[ResultSchema.Columns.Count];
            Dictionary<string, string?>? extra = null;
            for (int c = 0; c < names.Length; c++)
            {
                object? raw = frame.Columns[c][r];
                if (map[c] < 0)
                {
                    extra ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                    string text = ResultCsv.FormatValue(raw);
                    extra[names[c]] = text.Length == 0 ? null : text;
                    continue;
                }

                var column = ResultSchema.Columns[map[c]];
                if (raw is string s && column.Kind != ColumnKind.String)
                {
                    values[map[c]] = ResultCsv.TryParse(column.Kind, s, out var parsed)
                        ? parsed
                        : throw new ResultStoreException(
                            $"{source}: row {r + 1}, column '{column.Name}': '{ResultCsv.Shorten(s)}' is not a valid {column.Kind}."
                        );
                }
                else
                {
                    values[map[c]] = raw;
                }
            }

            rows.Add(ResultCsv.Validated(new ResultRow(values, extra), $"{source}: row {r + 1}"));
        }

        return rows;
    }

    /// <summary>The DataFrame column type of a column kind (vectors and timestamps are shown as text).</summary>
    public static Type ClrType(ColumnKind kind) =>
        kind switch
        {
            ColumnKind.String or ColumnKind.Int64List or ColumnKind.Timestamp => typeof(string),
            ColumnKind.Int32 => typeof(int),
            ColumnKind.Int64 => typeof(long),
            ColumnKind.Double => typeof(double),
            ColumnKind.Boolean => typeof(bool),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    private static object? FrameValue(ColumnKind kind, object? value) =>
        kind is ColumnKind.Int64List or ColumnKind.Timestamp && value is not null ? ResultCsv.FormatValue(value) : value;
}
