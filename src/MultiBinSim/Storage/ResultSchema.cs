using MultiBinSim.Metrics;

namespace MultiBinSim.Storage;

/// <summary>One column of the result store.</summary>
/// <param name="Name">The snake_case column name (CSV header, Parquet field, DataFrame column).</param>
/// <param name="Kind">The value type.</param>
public sealed record ResultColumn(string Name, ColumnKind Kind);

/// <summary>
/// The columns of a result row of this version, in order: what was run (configuration), what came out (every metric,
/// taken from one place: <see cref="MetricColumns.NamesAndTypes"/>), and how it went (status). The CSV header, the
/// Parquet schema and the DataFrame columns all come from this one list. Files written by other versions are read by
/// column name: columns missing there are null, columns unknown here are kept as text (see <see cref="ResultRow.Extra"/>).
/// </summary>
public static class ResultSchema
{
    /// <summary>The columns of this version, in order.</summary>
    public static IReadOnlyList<ResultColumn> Columns { get; } = Build();

    /// <summary>The names of <see cref="Columns"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = Columns.Select(c => c.Name).ToArray();

    private static readonly Dictionary<string, int> Index = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    /// <summary>The columns every results file must have: without them a row cannot be identified.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [ConfigurationColumns.TestKey.Name, ConfigurationColumns.Step.Name, ConfigurationColumns.Status.Name];

    /// <summary>The position of a column of this version; throws for an unknown name (a bug in the caller).</summary>
    public static int IndexOf(string name) =>
        Index.TryGetValue(name, out int i) ? i : throw new ArgumentException($"No result column named '{name}'.", nameof(name));

    /// <summary>The position of a column of this version, or -1 when <paramref name="name"/> is not one.</summary>
    public static int TryIndexOf(string name) => Index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>
    /// The column kind of a metric's CLR type: int, long, double (and their nullable forms) are scalars,
    /// <see cref="IReadOnlyList{T}"/> of long is <see cref="ColumnKind.Int64List"/>.
    /// </summary>
    public static ColumnKind KindOf(Type type)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (scalar == typeof(int))
        {
            return ColumnKind.Int32;
        }

        if (scalar == typeof(long))
        {
            return ColumnKind.Int64;
        }

        if (scalar == typeof(double))
        {
            return ColumnKind.Double;
        }

        if (scalar == typeof(bool))
        {
            return ColumnKind.Boolean;
        }

        if (scalar == typeof(string))
        {
            return ColumnKind.String;
        }

        if (scalar == typeof(DateTime))
        {
            return ColumnKind.Timestamp;
        }

        if (typeof(IReadOnlyList<long>).IsAssignableFrom(scalar))
        {
            return ColumnKind.Int64List;
        }

        throw new NotSupportedException($"A metric of type {type} has no result column kind.");
    }

    private static ResultColumn[] Build()
    {
        var columns = ConfigurationColumns.Leading.Select(c => new ResultColumn(c.Name, c.Kind)).ToList();

        // Every metric of the catalogue: scalars in catalogue order, then the per-bin vectors (release 0.1's order).
        foreach (var metric in MetricCatalogue.Scalars.Concat(MetricCatalogue.Vectors))
        {
            columns.Add(new ResultColumn(metric.Name, KindOf(metric.IsVector ? typeof(IReadOnlyList<long>) : metric.ValueType)));
        }

        columns.AddRange(ConfigurationColumns.Trailing.Select(c => new ResultColumn(c.Name, c.Kind)));
        return columns.ToArray();
    }
}
