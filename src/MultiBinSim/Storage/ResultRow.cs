namespace MultiBinSim.Storage;

/// <summary>One row of the result store: values aligned with <see cref="ResultSchema.Columns"/> (null = missing).</summary>
public sealed class ResultRow
{
    public const string Success = "success";
    public const string Failed = "failed";

    private readonly object?[] _values;

    public ResultRow(object?[] values)
    {
        if (values.Length != ResultSchema.Columns.Count)
        {
            throw new ArgumentException($"A result row has {ResultSchema.Columns.Count} values, got {values.Length}.");
        }

        _values = values;
    }

    public object? this[int column] => _values[column];

    public object? this[string column] => _values[ResultSchema.IndexOf(column)];

    public string TestKey => (string)this["test_key"]!;

    public int Step => (int)this["step"]!;

    public string Status => (string)this["status"]!;

    public bool Succeeded => Status == Success;

    public T? Get<T>(string column) where T : struct => (T?)this[column];

    public string? GetString(string column) => (string?)this[column];

    public IReadOnlyList<object?> Values => _values;

    /// <summary>This row with one value replaced (rows are immutable).</summary>
    public ResultRow With(string column, object? value)
    {
        var copy = (object?[])_values.Clone();
        copy[ResultSchema.IndexOf(column)] = value;
        return new ResultRow(copy);
    }
}
