using Microsoft.Data.Analysis;
using Parquet;
using Parquet.Schema;

namespace MultiBinSim.Storage;

/// <summary>
/// A small adapter between Microsoft.Data.Analysis DataFrames and Parquet files (Parquet.Net has no DataFrame support).
/// Supports string, int, long, double and bool columns; every column is written nullable so nulls round-trip.
/// </summary>
public static class ParquetFrames
{
    public static ParquetSchema SchemaOf(DataFrame frame) =>
        new(frame.Columns.Select(c => (Field)new DataField(c.Name, ClrTypeOf(c), isNullable: true)).ToArray());

    /// <summary>Writes <paramref name="frame"/> as one row group: a new file, or a row group appended to an existing one.</summary>
    public static async Task WriteAsync(DataFrame frame, Stream stream, bool append = false, CancellationToken cancellation = default)
    {
        var schema = SchemaOf(frame);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, append: append, cancellationToken: cancellation).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        var fields = schema.DataFields;
        for (int c = 0; c < fields.Length; c++)
        {
            var column = frame.Columns[c];
            var field = fields[c];
            switch (column)
            {
                case StringDataFrameColumn s:
                    await group.WriteAsync(field, Enumerable.Range(0, (int)s.Length).Select(i => s[i]).ToArray()).ConfigureAwait(false);
                    break;
                case PrimitiveDataFrameColumn<int> p:
                    await group.WriteAsync<int>(field, p.ToArray(), cancellationToken: cancellation).ConfigureAwait(false);
                    break;
                case PrimitiveDataFrameColumn<long> p:
                    await group.WriteAsync<long>(field, p.ToArray(), cancellationToken: cancellation).ConfigureAwait(false);
                    break;
                case PrimitiveDataFrameColumn<double> p:
                    await group.WriteAsync<double>(field, p.ToArray(), cancellationToken: cancellation).ConfigureAwait(false);
                    break;
                case PrimitiveDataFrameColumn<bool> p:
                    await group.WriteAsync<bool>(field, p.ToArray(), cancellationToken: cancellation).ConfigureAwait(false);
                    break;
                default:
                    throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType}, which the Parquet adapter does not write.");
            }
        }
    }

    /// <summary>Reads every row group of a Parquet file into one DataFrame.</summary>
    public static async Task<DataFrame> ReadAsync(Stream stream, CancellationToken cancellation = default)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellation).ConfigureAwait(false);
        var fields = reader.Schema.DataFields;
        var values = fields.Select(_ => new List<object?>()).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            for (int c = 0; c < fields.Length; c++)
            {
                var field = fields[c];
                var type = ValueType(field);
                if (type == typeof(string))
                {
                    var buffer = new string?[rows];
                    await group.ReadAsync(field, buffer.AsMemory(), cancellationToken: cancellation).ConfigureAwait(false);
                    values[c].AddRange(buffer);
                }
                else if (type == typeof(int))
                {
                    values[c].AddRange((await ReadNullable<int>(group, field, rows, cancellation).ConfigureAwait(false)).Cast<object?>());
                }
                else if (type == typeof(long))
                {
                    values[c].AddRange((await ReadNullable<long>(group, field, rows, cancellation).ConfigureAwait(false)).Cast<object?>());
                }
                else if (type == typeof(double))
                {
                    values[c].AddRange((await ReadNullable<double>(group, field, rows, cancellation).ConfigureAwait(false)).Cast<object?>());
                }
                else if (type == typeof(bool))
                {
                    values[c].AddRange((await ReadNullable<bool>(group, field, rows, cancellation).ConfigureAwait(false)).Cast<object?>());
                }
                else
                {
                    throw new NotSupportedException($"Parquet column '{field.Name}' has type {type}, which the adapter does not read.");
                }
            }
        }

        var columns = new List<DataFrameColumn>();
        for (int c = 0; c < fields.Length; c++)
        {
            var type = ValueType(fields[c]);
            columns.Add(CreateColumn(fields[c].Name, type, values[c]));
        }

        return new DataFrame(columns);
    }

    public static async Task WriteFileAsync(DataFrame frame, string path, CancellationToken cancellation = default)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await WriteAsync(frame, stream, append: false, cancellation).ConfigureAwait(false);
        await stream.FlushAsync(cancellation).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    public static async Task<DataFrame> ReadFileAsync(string path, CancellationToken cancellation = default)
    {
        await using var stream = File.OpenRead(path);
        return await ReadAsync(stream, cancellation).ConfigureAwait(false);
    }

    /// <summary>A typed DataFrame column from boxed values (null = missing).</summary>
    public static DataFrameColumn CreateColumn(string name, Type type, IReadOnlyList<object?> values)
    {
        if (type == typeof(string))
        {
            return new StringDataFrameColumn(name, values.Select(v => (string?)v));
        }

        if (type == typeof(int))
        {
            return new Int32DataFrameColumn(name, values.Select(v => (int?)v));
        }

        if (type == typeof(long))
        {
            return new Int64DataFrameColumn(name, values.Select(v => (long?)v));
        }

        if (type == typeof(double))
        {
            return new DoubleDataFrameColumn(name, values.Select(v => (double?)v));
        }

        if (type == typeof(bool))
        {
            return new BooleanDataFrameColumn(name, values.Select(v => (bool?)v));
        }

        throw new NotSupportedException($"Column '{name}' has unsupported type {type}.");
    }

    private static async Task<T?[]> ReadNullable<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellation)
        where T : struct
    {
        var buffer = new T?[rows];
        await group.ReadAsync<T>(field, buffer.AsMemory(), cancellationToken: cancellation).ConfigureAwait(false);
        return buffer;
    }

    /// <summary>The value type of a field as read back (Parquet.Net 6 reports strings as ReadOnlyMemory&lt;char&gt;).</summary>
    private static Type ValueType(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(ReadOnlyMemory<char>) ? typeof(string) : type;
    }

    private static Type ClrTypeOf(DataFrameColumn column) =>
        column switch
        {
            StringDataFrameColumn => typeof(string),
            PrimitiveDataFrameColumn<int> => typeof(int),
            PrimitiveDataFrameColumn<long> => typeof(long),
            PrimitiveDataFrameColumn<double> => typeof(double),
            PrimitiveDataFrameColumn<bool> => typeof(bool),
            _ => throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType}, which the Parquet adapter does not support."),
        };
}
