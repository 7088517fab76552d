using Microsoft.Data.Analysis;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// A reproduction's series as rows of typed columns, in a stable column order. Each value has its column's type
/// (null allowed for a missing value).
/// </summary>
public sealed class ReproductionTable
{
    private readonly List<object?[]> _rows = [];

    /// <summary>A table with these columns and no rows.</summary>
    public ReproductionTable(params ReproductionColumn[] columns)
    {
        if (columns.Length == 0 || columns.Select(c => c.Name).Distinct().Count() != columns.Length)
        {
            throw new ArgumentException("A reproduction table needs at least one column and unique column names.", nameof(columns));
        }

        Columns = columns;
    }

    /// <summary>The columns, in output order.</summary>
    public IReadOnlyList<ReproductionColumn> Columns { get; }

    /// <summary>The rows; each has one value per column.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Adds a row, checking its length and each value's type.</summary>
    public ReproductionTable Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"Row has {values.Length} values for {Columns.Count} columns.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v && v.GetType() != Columns[i].Type)
            {
                throw new ArgumentException($"Column {Columns[i].Name} holds {Columns[i].Type.Name}, got {v.GetType().Name}.", nameof(values));
            }
        }

        _rows.Add(values);
        return this;
    }

    /// <summary>The index of a column by name.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column '{column}'; columns: {string.Join(", ", Columns.Select(c => c.Name))}.", nameof(column));
    }

    /// <summary>The values of one column, typed.</summary>
    public IReadOnlyList<T> Column<T>(string column)
    {
        int index = IndexOf(column);
        return _rows.Select(r => (T)r[index]!).ToArray();
    }

    /// <summary>The rows where <paramref name="predicate"/> holds for the value of <paramref name="column"/>.</summary>
    public IEnumerable<object?[]> Where<T>(string column, Func<T, bool> predicate)
    {
        int index = IndexOf(column);
        return _rows.Where(r => r[index] is T v && predicate(v));
    }

    /// <summary>The table as a typed DataFrame (for notebooks).</summary>
    public DataFrame ToDataFrame()
    {
        var columns = Columns
            .Select(
                (c, i) =>
                    (DataFrameColumn)(
                        c.Type == typeof(int) ? new Int32DataFrameColumn(c.Name, _rows.Select(r => (int?)r[i]))
                        : c.Type == typeof(double) ? new DoubleDataFrameColumn(c.Name, _rows.Select(r => (double?)r[i]))
                        : c.Type == typeof(bool) ? new BooleanDataFrameColumn(c.Name, _rows.Select(r => (bool?)r[i]))
                        : new StringDataFrameColumn(c.Name, _rows.Select(r => r[i]?.ToString()))
                    )
            )
            .ToArray();
        return new DataFrame(columns);
    }
}
