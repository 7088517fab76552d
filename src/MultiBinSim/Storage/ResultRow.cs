namespace MultiBinSim.Storage;

/// <summary>
/// One row of the result store, keyed by column name. The columns of this version (<see cref="ResultSchema.Columns"/>)
/// hold typed values (null = missing: a file of another version without that column, or a failed run); columns this
/// version does not know (written by another version) are kept in <see cref="Extra"/> as their text, so that merges and
/// rewrites carry them through unchanged. Rows are immutable.
/// </summary>
public sealed class ResultRow
{
    /// <summary>The <c>status</c> of a run that finished.</summary>
    public const string Success = "success";

    /// <summary>The <c>status</c> of a run that threw.</summary>
    public const string Failed = "failed";

    private static readonly IReadOnlyDictionary<string, string?> NoExtra = new Dictionary<string, string?>();

    private readonly object?[] _values;

    /// <summary>A row from values aligned with <see cref="ResultSchema.Columns"/>.</summary>
    public ResultRow(object?[] values)
        : this(values, null) { }

    /// <summary>A row from values aligned with <see cref="ResultSchema.Columns"/> and the text of unknown columns.</summary>
    public ResultRow(object?[] values, IReadOnlyDictionary<string, string?>? extra)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != ResultSchema.Columns.Count)
        {
            throw new ArgumentException($"A result row has {ResultSchema.Columns.Count} values, got {values.Length}.", nameof(values));
        }

        _values = values;
        Extra = extra ?? NoExtra;
    }

    /// <summary>The value of column <paramref name="column"/> of <see cref="ResultSchema.Columns"/>.</summary>
    public object? this[int column] => _values[column];

    /// <summary>
    /// The value of the named column: typed for a column of this version, the text for a column kept from another
    /// version; an unknown name is a bug and throws.
    /// </summary>
    public object? this[string column]
    {
        get
        {
            int i = ResultSchema.TryIndexOf(column);
            if (i >= 0)
            {
                return _values[i];
            }

            return Extra.TryGetValue(column, out var text) ? text : throw new ArgumentException($"No result column named '{column}'.", nameof(column));
        }
    }

    /// <summary>The test key (never null in a stored row).</summary>
    public string TestKey => (string)this[ConfigurationColumns.TestKey.Name]!;

    /// <summary>The suite step (never null in a stored row).</summary>
    public int Step => (int)this[ConfigurationColumns.Step.Name]!;

    /// <summary><see cref="Success"/> or <see cref="Failed"/>.</summary>
    public string Status => (string)this[ConfigurationColumns.Status.Name]!;

    /// <summary>Whether the run succeeded.</summary>
    public bool Succeeded => Status == Success;

    /// <summary>A value-typed column of this version (null when missing).</summary>
    public T? Get<T>(string column)
        where T : struct => (T?)this[column];

    /// <summary>A string column (null when missing).</summary>
    public string? GetString(string column) => (string?)this[column];

    /// <summary>The values of <see cref="ResultSchema.Columns"/>, in order.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>Columns this version does not know (from a file of another version): name to text (null = empty).</summary>
    public IReadOnlyDictionary<string, string?> Extra { get; }

    /// <summary>This row with extra columns set (added, or replaced when the row has them), as invariant text.</summary>
    public ResultRow WithExtra(params ReadOnlySpan<(string Column, string? Text)> columns)
    {
        var extra = new Dictionary<string, string?>(Extra, StringComparer.Ordinal);
        foreach (var (column, text) in columns)
        {
            extra[column] = text;
        }

        return new ResultRow(_values, extra);
    }

    /// <summary>This row with one value replaced (rows are immutable).</summary>
    public ResultRow With(string column, object? value)
    {
        int i = ResultSchema.TryIndexOf(column);
        if (i < 0)
        {
            if (!Extra.ContainsKey(column))
            {
                throw new ArgumentException($"No result column named '{column}'.", nameof(column));
            }

            var extra = new Dictionary<string, string?>(Extra, StringComparer.Ordinal) { [column] = (string?)value };
            return new ResultRow(_values, extra);
        }

        var copy = (object?[])_values.Clone();
        copy[i] = value;
        return new ResultRow(copy, Extra);
    }
}
