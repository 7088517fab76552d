using System.Globalization;

namespace MultiBinSim.Storage;

/// <summary>
/// A column of a result row that says what ran and how it went (a metric column is a <see cref="Metrics.IMetric"/>):
/// its name in CSV, Parquet and DataFrames, a title and unit for tables, what it holds, its kind, and whether it is one
/// of <see cref="ResultSchema.Columns"/> or an extra column that only some rows carry (an engine's or a sweep's, kept
/// as text). Every reader of a stored row reads it through its column object (<see cref="ConfigurationColumns"/>).
/// </summary>
public abstract class ConfigurationColumn(string name, string title, string? unit, ColumnKind kind, bool extra, string description)
{
    /// <summary>snake_case name: the CSV header, Parquet field and DataFrame column.</summary>
    public string Name { get; } = name;

    /// <summary>Human title, lower case.</summary>
    public string Title { get; } = title;

    /// <summary>Unit, or null.</summary>
    public string? Unit { get; } = unit;

    /// <summary>"title (unit)", for table headers and axis titles.</summary>
    public string Header => Unit is null ? Title : $"{Title} ({Unit})";

    /// <summary>The value type.</summary>
    public ColumnKind Kind { get; } = kind;

    /// <summary>Whether the column is an extra one (not in <see cref="ResultSchema.Columns"/>; only some rows carry it, as text).</summary>
    public bool IsExtra { get; } = extra;

    /// <summary>What it holds, exactly.</summary>
    public string Description { get; } = description;

    /// <summary>The cell of <paramref name="row"/>, or null when the row has none (an extra column the row lacks).</summary>
    public object? Cell(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return IsExtra ? row.Extra.GetValueOrDefault(Name) : row[Name];
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A configuration column of a value type (int, double, bool): typed reads, typed writes.</summary>
public sealed class ValueColumn<T>(string name, string title, string? unit, bool extra, string description)
    : ConfigurationColumn(name, title, unit, ResultSchema.KindOf(typeof(T)), extra, description)
    where T : struct, ISpanParsable<T>
{
    /// <summary>The value in <paramref name="row"/>, or null (an extra column's text parsed, invariant culture).</summary>
    public T? Of(ResultRow row) =>
        Cell(row) switch
        {
            null => null,
            T value => value,
            string text => T.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            var other => throw new InvalidCastException($"Column '{Name}' holds a {other.GetType().Name}, not a {typeof(T).Name}."),
        };
}

/// <summary>A configuration column of text.</summary>
public sealed class TextColumn(string name, string title, bool extra, string description)
    : ConfigurationColumn(name, title, null, ColumnKind.String, extra, description)
{
    /// <summary>The text in <paramref name="row"/>, or null.</summary>
    public string? Of(ResultRow row) => (string?)Cell(row);
}
