using System.Globalization;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>How a table column's values are written (<see cref="ColumnFormat.Cell"/>).</summary>
public enum ColumnKind
{
    /// <summary>Text as it is.</summary>
    Text,

    /// <summary>A whole number with thousands separators.</summary>
    Whole,

    /// <summary>A number to <see cref="ColumnFormat.SignificantFigures"/> significant figures (<see cref="IndexHtml.Number"/>).</summary>
    Number,

    /// <summary>A fraction written as a percentage (0.0123 -> 1.23), the header saying "(%)".</summary>
    Percent,

    /// <summary>true / false as yes / no.</summary>
    YesNo,
}

/// <summary>
/// How one column of a result table is shown to a reader: its header with the unit (a metric's title and unit from
/// <see cref="MetricCatalogue"/> or <see cref="ConfigurationColumns"/>; fractions as "%"), how its values are written, and what an empty cell says. The one
/// rule for every table a notebook displays (<see cref="NotebookTable"/>), written with the numbers of the results
/// folders' and reproductions' front pages (<see cref="IndexHtml.Number"/>, <see cref="IndexHtml.Percent"/>).
/// Presentation only: the DataFrame, CSV and Parquet values are never rounded.
/// </summary>
/// <param name="Name">The column's name in the DataFrame.</param>
/// <param name="Header">The header a reader sees: title and unit, e.g. "SLA violation rate (%)".</param>
/// <param name="Kind">How its values are written.</param>
/// <param name="Empty">What a null (or NaN) cell says, e.g. "not checked".</param>
public sealed record ColumnFormat(string Name, string Header, ColumnKind Kind, string Empty = ColumnFormat.Dash)
{
    /// <summary>Significant figures of numbers and percentages.</summary>
    public const int SignificantFigures = 4;

    /// <summary>An empty cell where nothing more specific applies.</summary>
    public const string Dash = "-";

    /// <summary>The unit of a fraction in the catalogue; such columns are shown as percentages.</summary>
    private const string Fraction = "fraction";

    /// <summary>
    /// Columns of the kit's tables with their own header: (name, title, unit, what an empty cell says); they take
    /// precedence over the catalogues. A unit of "fraction" shows the column as a percentage; "x" marks a ratio.
    /// </summary>
    private static readonly (string Name, string Title, string? Unit, string Empty)[] Known =
    [
        ("relative_difference", "relative difference", Fraction, Dash),
        ("relative_error", "relative error", Fraction, Dash),
        ("tolerance", "tolerance", Fraction, "not checked"),
        ("paper", "paper", null, PublishedComparison.NoPublishedValue),
        ("arrival_rate", "arrival rate", "req/s", Dash),
        ("load", "load", Fraction, Dash),
        ("ratio", "ratio", "x", Dash),
        ("simulated_throughput", "simulated throughput", "req/s", Dash),
        ("theory_throughput", "Theorem 4.2 throughput", "req/s", Dash),
        ("simulated_mean_latency", "simulated mean latency", "s", Dash),
        ("infinite_server_latency", "infinite-server latency", "s", Dash),
        ("baseline_capacity_qps_under_sla", "common K = 1 baseline capacity under SLA", "req/s", Dash),
        ("capacity_rps", "capacity", "req/s", Dash),
        ("capacity_rps_per_gpu", "capacity per GPU", "req/s per GPU", Dash),
        ("capacity_per_gpu", "capacity per GPU", "req/s per GPU", Dash),
        ("saturated_throughput_rps", "saturated throughput", "req/s", Dash),
        ("gain_vs_fcfs", "capacity relative to FCFS", "x", Dash),
        ("saturated_gain_vs_fcfs", "saturated throughput relative to FCFS", "x", Dash),
        // A capacity search's result, whatever its criterion (the table's capacity_criterion column names it).
        ("capacity_requests_per_sec", "capacity", "req/s", Dash),
        ("capacity_requests_per_sec_per_gpu", "capacity per GPU", "req/s per GPU", Dash),
    ];

    /// <summary>Quantities derived across runs, with their titles and units.</summary>
    private static readonly IMetric[] Derived =
    [
        DerivedMetric.ScalingEfficiency,
        DerivedMetric.GainVersusOneBin,
        DerivedMetric.GainVersusCommonBaseline,
        DerivedMetric.SearchedCapacityGain,
        DerivedMetric.SearchedCapacity,
        DerivedMetric.CapacityPerGpu,
    ];

    /// <summary>Statistics over seeds (<c>METRIC_mean</c>, ...), shown in the metric's unit.</summary>
    private static readonly (string Suffix, string Title)[] SeedStatistics =
    [
        ("_mean", "mean"),
        ("_sd", "standard deviation"),
        ("_ci_low", "95 % CI low"),
        ("_ci_high", "95 % CI high"),
    ];

    /// <summary>
    /// The format of a column named <paramref name="name"/> holding values of <paramref name="type"/>: a catalogue metric
    /// (or a statistic of one over seeds, <c>sla_violation_rate_mean</c>) by its title and unit; a derived quantity or one
    /// of the kit's other columns by its title and unit; any other column by its name, underscores as spaces. Numbers in
    /// a fraction unit are shown as percentages.
    /// </summary>
    public static ColumnFormat For(string name, Type type)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        var kind = KindOf(type);
        var (title, unit, empty) = Describe(name);
        if (unit == Fraction && kind == ColumnKind.Number)
        {
            return new ColumnFormat(name, $"{title} (%)", ColumnKind.Percent, empty);
        }

        return new ColumnFormat(name, unit is null || kind is ColumnKind.Text or ColumnKind.YesNo ? title : $"{title} ({unit})", kind, empty);
    }

    /// <summary>A column's title, unit (or null) and empty-cell text.</summary>
    private static (string Title, string? Unit, string Empty) Describe(string name)
    {
        foreach (var known in Known)
        {
            if (known.Name == name)
            {
                return (known.Title, known.Unit, known.Empty);
            }
        }

        if (ConfigurationColumns.All.FirstOrDefault(c => c.Name == name) is { } column)
        {
            return (column.Title, column.Unit, Dash);
        }

        if (MetricCatalogue.Find(name) is { } metric)
        {
            return (metric.Title, metric.Unit, Dash);
        }

        if (Derived.FirstOrDefault(d => d.Name == name) is { } derived)
        {
            // The gains are ratios without a unit of their own.
            return (derived.Title, derived.Unit ?? "x", Dash);
        }

        foreach (var (suffix, statistic) in SeedStatistics)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && MetricCatalogue.Find(name[..^suffix.Length]) is { } of)
            {
                return ($"{of.Title}, {statistic}", of.Unit, Dash);
            }
        }

        return (name.Replace('_', ' '), null, Dash);
    }

    /// <summary>One cell as text: the value in this column's format, or <see cref="Empty"/> for null and NaN.</summary>
    public string Cell(object? value)
    {
        if (value is null || value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
        {
            return Empty;
        }

        return Kind switch
        {
            ColumnKind.Percent => IndexHtml.Percent(Convert.ToDouble(value, CultureInfo.InvariantCulture), SignificantFigures),
            ColumnKind.Number => IndexHtml.Number(Convert.ToDouble(value, CultureInfo.InvariantCulture), SignificantFigures),
            ColumnKind.Whole => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
            ColumnKind.YesNo => value is true ? "yes" : "no",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? Empty,
        };
    }

    /// <summary>Whether the column holds numbers (right-aligned).</summary>
    public bool Numeric => Kind is ColumnKind.Whole or ColumnKind.Number or ColumnKind.Percent;

    private static ColumnKind KindOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
        {
            return ColumnKind.YesNo;
        }

        if (
            t == typeof(int)
            || t == typeof(long)
            || t == typeof(short)
            || t == typeof(byte)
            || t == typeof(uint)
            || t == typeof(ulong)
            || t == typeof(ushort)
            || t == typeof(sbyte)
        )
        {
            return ColumnKind.Whole;
        }

        return t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? ColumnKind.Number : ColumnKind.Text;
    }
}
