namespace MultiBinSim.Storage;

/// <summary>The value types a result column can hold (every column is nullable: failed runs have no metrics).</summary>
public enum ColumnKind
{
    /// <summary>Text; CLR <see cref="string"/>.</summary>
    String,

    /// <summary>A 32-bit integer; CLR <see cref="int"/>.</summary>
    Int32,

    /// <summary>A 64-bit integer; CLR <see cref="long"/>.</summary>
    Int64,

    /// <summary>A double, written in round-trip form in CSV; CLR <see cref="double"/>.</summary>
    Double,

    /// <summary>true/false; CLR <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>
    /// A vector of 64-bit integers (the per-bin counts); CLR <see cref="IReadOnlyList{T}"/> of <see cref="long"/>.
    /// Parquet LIST&lt;int64&gt;, CSV space-separated text, DataFrame a string column with the CSV text.
    /// </summary>
    Int64List,

    /// <summary>
    /// A UTC instant; CLR <see cref="DateTime"/> (kind UTC). Parquet timestamp (UTC, milliseconds),
    /// CSV and DataFrame text <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.
    /// </summary>
    Timestamp,
}
