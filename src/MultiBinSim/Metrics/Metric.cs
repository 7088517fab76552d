namespace MultiBinSim.Metrics;

/// <summary>
/// One metric of a run: its snake_case name (result column, JSON key, DataFrame column), a human title and unit (table
/// rows, chart axes), its CLR value type, and how it is read from a <see cref="RunMetrics"/> row. Charts, tables, the
/// result store and JSON output take <see cref="Metric"/> objects from <see cref="MetricCatalogue"/>, never bare strings.
/// </summary>
public abstract class Metric : IMetric
{
    private protected Metric(string name, string title, string? unit, string description)
    {
        Name = name;
        Title = title;
        Unit = unit;
        Description = description;
    }

    /// <summary>snake_case name: the result column and JSON key.</summary>
    public string Name { get; }

    /// <summary>Human title, lower case as it reads inside a sentence or on an axis ("capacity under SLA").</summary>
    public string Title { get; }

    /// <summary>Unit ("s", "req/s", "fraction"), or null for counts that need none.</summary>
    public string? Unit { get; }

    /// <summary>What the metric is, exactly.</summary>
    public string Description { get; }

    /// <summary>The value type (int, long, double, or IReadOnlyList&lt;long&gt; for per-bin vectors).</summary>
    public abstract Type ValueType { get; }

    /// <summary>Whether the metric is a vector (one value per bin) rather than a scalar.</summary>
    public bool IsVector => ValueType == typeof(IReadOnlyList<long>);

    /// <summary>Whether some engines leave the metric empty (for example TTFT on the batch engine).</summary>
    public abstract bool IsOptional { get; }

    /// <summary>
    /// Whether a run's JSON leaves the key out when the run leaves the metric empty, rather than writing null: for a
    /// metric added after the run JSON was fixed (its golden text), so every run that does not set it prints what it
    /// printed before.
    /// </summary>
    public bool OmittedWhenNull { get; init; }

    /// <summary>Whether the metric is a measurement of this machine (wall-clock time), not a simulated number.</summary>
    public bool IsTiming => Name == "execution_time_seconds";

    /// <summary>"title (unit)": the axis title of charts.</summary>
    public string AxisTitle => Unit is null ? Title : $"{Title} ({Unit})";

    /// <summary>The metric's value in <paramref name="metrics"/>, boxed; null when the run leaves it empty.</summary>
    public abstract object? Read(RunMetrics metrics);

    public override string ToString() => Name;
}

/// <summary>A metric whose values are <typeparamref name="T"/>.</summary>
/// <typeparam name="T">int, long, double (or their nullable forms) or IReadOnlyList&lt;long&gt;.</typeparam>
public sealed class Metric<T> : Metric
{
    private readonly Func<RunMetrics, T> _read;

    /// <param name="name">snake_case name.</param>
    /// <param name="title">Human title.</param>
    /// <param name="unit">Unit, or null.</param>
    /// <param name="description">What it is, exactly.</param>
    /// <param name="read">How it is read from a run's metrics row.</param>
    public Metric(string name, string title, string? unit, string description, Func<RunMetrics, T> read)
        : base(name, title, unit, description)
    {
        _read = read;
    }

    /// <inheritdoc/>
    public override Type ValueType => Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);

    /// <inheritdoc/>
    public override bool IsOptional => Nullable.GetUnderlyingType(typeof(T)) is not null;

    /// <summary>The typed value in <paramref name="metrics"/>.</summary>
    public T Value(RunMetrics metrics) => _read(metrics);

    /// <inheritdoc/>
    public override object? Read(RunMetrics metrics) => _read(metrics);
}
