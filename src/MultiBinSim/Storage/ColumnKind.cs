namespace MultiBinSim.Storage;

/// <summary>The value types a result column can hold (every column is nullable: failed runs have no metrics).</summary>
public enum ColumnKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
}
