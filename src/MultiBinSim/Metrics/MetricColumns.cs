namespace MultiBinSim.Metrics;

/// <summary>The scalar metric columns (from <see cref="MetricCatalogue"/>) in column order, with their names and types.</summary>
public static class MetricColumns
{
    /// <summary>Names of the scalar metrics.</summary>
    public static IReadOnlyList<string> Names { get; } = MetricCatalogue.Scalars.Select(m => m.Name).ToArray();

    /// <summary>(name, CLR type) of every scalar metric, in column order; optional metrics have nullable types.</summary>
    public static IReadOnlyList<(string Name, Type Type)> NamesAndTypes { get; } =
        MetricCatalogue.Scalars.Select(m => (m.Name, m.IsOptional ? typeof(Nullable<>).MakeGenericType(m.ValueType) : m.ValueType)).ToArray();

    /// <summary>(name, value) pairs of every scalar metric, in column order; null where the run leaves a metric empty.</summary>
    public static IEnumerable<(string Name, object? Value)> Values(RunMetrics metrics) => MetricCatalogue.Scalars.Select(m => (m.Name, m.Read(metrics)));
}
