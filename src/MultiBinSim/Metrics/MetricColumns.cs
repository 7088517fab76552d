using System.Reflection;
using System.Text.Json;

namespace MultiBinSim.Metrics;

/// <summary>The scalar metric columns of <see cref="RunMetrics"/> in declaration order, with their snake_case names.</summary>
public static class MetricColumns
{
    private static readonly PropertyInfo[] Scalars = typeof(RunMetrics)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType.IsPrimitive)
        .OrderBy(p => p.MetadataToken)
        .ToArray();

    public static IReadOnlyList<string> Names { get; } = Scalars.Select(p => ToSnakeCase(p.Name)).ToArray();

    /// <summary>(name, CLR type) of every scalar metric, in column order.</summary>
    public static IReadOnlyList<(string Name, Type Type)> NamesAndTypes { get; } = Scalars.Select(p => (ToSnakeCase(p.Name), p.PropertyType)).ToArray();

    /// <summary>(name, value) pairs of every scalar metric, in column order.</summary>
    public static IEnumerable<(string Name, object Value)> Values(RunMetrics metrics) =>
        Scalars.Select(p => (ToSnakeCase(p.Name), p.GetValue(metrics)!));

    public static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
