using MultiBinSim.Metrics;

namespace MultiBinSim.Storage;

/// <summary>One column of the result store.</summary>
public sealed record ResultColumn(string Name, ColumnKind Kind);

/// <summary>
/// The columns of a result row, in order: what was run (configuration), what came out (every metric of
/// <see cref="RunMetrics"/>, under the original simulator's names where it had them), and how it went (status).
/// The CSV header, the Parquet schema and the DataFrame columns all come from this one list.
/// </summary>
public static class ResultSchema
{
    public static IReadOnlyList<ResultColumn> Columns { get; } = Build();

    public static IReadOnlyList<string> Names { get; } = Columns.Select(c => c.Name).ToArray();

    public static int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No result column named '{name}'.");
    }

    private static ResultColumn[] Build()
    {
        var columns = new List<ResultColumn>
        {
            new("test_key", ColumnKind.String),
            new("step", ColumnKind.Int32),
            new("step_name", ColumnKind.String),
            new("scheduler_type", ColumnKind.String),
            new("num_requests_requested", ColumnKind.Int32),
            new("num_gpus", ColumnKind.Int32),
            new("k_bins", ColumnKind.Int32),
            new("bin_policy", ColumnKind.String),
            new("bin_boundaries", ColumnKind.String),
            new("rps_scaling", ColumnKind.Double),
            new("use_real_timestamps", ColumnKind.Boolean),
            new("d_sla", ColumnKind.Double),
            new("predictor", ColumnKind.String),
            new("seed", ColumnKind.Int32),
            new("dataset", ColumnKind.String),
            new("dataset_sha256", ColumnKind.String),
            new("code_version", ColumnKind.String),
            new("latency_alpha", ColumnKind.Double),
            new("latency_beta", ColumnKind.Double),
            new("latency_gamma", ColumnKind.Double),
        };

        foreach (var (name, type) in MetricColumns.NamesAndTypes)
        {
            columns.Add(new ResultColumn(name, type == typeof(int) ? ColumnKind.Int32 : type == typeof(long) ? ColumnKind.Int64 : ColumnKind.Double));
        }

        columns.Add(new("bin_request_counts", ColumnKind.String));
        columns.Add(new("bin_batch_counts", ColumnKind.String));
        columns.Add(new("status", ColumnKind.String));
        columns.Add(new("error_message", ColumnKind.String));
        columns.Add(new("timestamp", ColumnKind.String));
        return columns.ToArray();
    }
}
