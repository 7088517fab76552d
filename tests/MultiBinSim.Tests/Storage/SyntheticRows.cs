using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Storage;

/// <summary>Result rows of the current schema without a simulation: every column set, values derived from the index.</summary>
internal static class SyntheticRows
{
    public static ResultRow Make(int i)
    {
        var values = new object?[ResultSchema.Columns.Count];
        for (int c = 0; c < values.Length; c++)
        {
            var column = ResultSchema.Columns[c];
            values[c] = column.Kind switch
            {
                ColumnKind.String => $"{column.Name}-{i}",
                ColumnKind.Int32 => i + c,
                ColumnKind.Int64 => 1_000_000_000_000L + i * 7L + c,
                ColumnKind.Double => (i + 1) / 3.0 + c,
                ColumnKind.Boolean => i % 2 == 0,
                ColumnKind.Int64List => new long[] { i, i + 1, 2L * i },
                ColumnKind.Timestamp => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i * 1001L),
                _ => null,
            };
        }

        values[ResultSchema.IndexOf("test_key")] = $"key-{i:D6}";
        values[ResultSchema.IndexOf("step")] = 1 + i % 3;
        values[ResultSchema.IndexOf("scheduler_type")] = "multi_bin_dynamic";
        values[ResultSchema.IndexOf("status")] = i % 10 == 9 ? ResultRow.Failed : ResultRow.Success;
        values[ResultSchema.IndexOf("error_message")] = i % 10 == 9 ? "InvalidOperationException: \"quoted\", with comma" : null;
        return new ResultRow(values);
    }
}
