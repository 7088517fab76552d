using System.Collections;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace MultiBinSim.Storage;

/// <summary>
/// Result rows as Parquet: one typed, nullable field per column (per-bin vectors as LIST&lt;int64&gt;, the timestamp
/// as a UTC millisecond timestamp, columns unknown to this version as strings). Files are read by column name, like
/// <see cref="ResultCsv"/>; a file that cannot be read raises <see cref="ResultStoreException"/> naming it.
/// </summary>
public static class ResultParquet
{
    /// <summary>The Parquet schema of <paramref name="layout"/> (column names in file order).</summary>
    public static ParquetSchema SchemaOf(IReadOnlyList<string> layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new ParquetSchema(
            layout
                .Select(name =>
                {
                    int i = ResultSchema.TryIndexOf(name);
                    return FieldOf(name, i >= 0 ? ResultSchema.Columns[i].Kind : ColumnKind.String);
                })
                .ToArray()
        );
    }

    /// <summary>A short text of a schema's column names and physical types, equal for equal schemas as written and as read back.</summary>
    public static string Signature(ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return string.Join(",", schema.Fields.Select(FieldSignature));
    }

    /// <summary>Writes <paramref name="rows"/> in <paramref name="layout"/> as one Parquet file to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> layout, Stream stream, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var schema = SchemaOf(layout);
        var data = new List<IDictionary<string, object?>>(rows.Count);
        foreach (var row in rows)
        {
            var values = new Dictionary<string, object?>(layout.Count, StringComparer.Ordinal);
            foreach (var name in layout)
            {
                int i = ResultSchema.TryIndexOf(name);
                values[name] = i >= 0 ? ToParquet(row[i]) : row.Extra.GetValueOrDefault(name);
            }

            data.Add(values);
        }

        await ParquetSerializer.SerializeUntypedAsync(data, schema, stream, cancellationToken: cancellation).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="rows"/> to a new file at <paramref name="path"/>, flushed to disk.</summary>
    public static async Task WriteFileAsync(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> layout, string path, CancellationToken cancellation = default)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await WriteAsync(rows, layout, stream, cancellation).ConfigureAwait(false);
        await stream.FlushAsync(cancellation).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads a results Parquet file by column name, with its schema signature (see <see cref="Signature"/>).</summary>
    public static async Task<(ResultTable Table, string Signature)> ReadFileAsync(string path, CancellationToken cancellation = default)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellation).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ResultStoreException($"{path}: cannot be read ({e.Message}).", e);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return await ReadAsync(stream, path, cancellation).ConfigureAwait(false);
    }

    /// <summary>Reads results Parquet from <paramref name="stream"/>; <paramref name="source"/> names it in messages.</summary>
    public static async Task<(ResultTable Table, string Signature)> ReadAsync(Stream stream, string source, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckFrame(stream, source);
        DeserializationResult<Dictionary<string, object>> result;
        try
        {
            result = await ParquetSerializer.DeserializeUntypedAsync(stream, cancellationToken: cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Parquet.Net reports damaged files with many exception types (format, range, overflow, I/O, ...).
            throw new ResultStoreException(
                $"{source}: damaged or not a Parquet file ({e.GetType().Name}: {ResultCsv.Shorten(e.Message)}). It was left untouched.",
                e
            );
        }

        await CheckRowCountsAsync(stream, source, result.Data.Count, cancellation).ConfigureAwait(false);
        var header = result.Schema.Fields.Select(f => f.Name).ToArray();
        var map = ResultCsv.HeaderMap(source, header);
        var rows = new List<ResultRow>(result.Data.Count);
        for (int r = 0; r < result.Data.Count; r++)
        {
            var data = result.Data[r];
            var values = new object?[ResultSchema.Columns.Count];
            Dictionary<string, string?>? extra = null;
            for (int c = 0; c < header.Length; c++)
            {
                data.TryGetValue(header[c], out var raw);
                if (map[c] >= 0)
                {
                    var column = ResultSchema.Columns[map[c]];
                    values[map[c]] = FromParquet(column.Kind, raw, out var value)
                        ? value
                        : throw new ResultStoreException(
                            $"{source}: row {r + 1}, column '{column.Name}': a {raw?.GetType().Name} value is not a valid {column.Kind}. It was left untouched."
                        );
                }
                else
                {
                    extra ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                    string text = ResultCsv.FormatValue(raw);
                    extra[header[c]] = text.Length == 0 ? null : text;
                }
            }

            rows.Add(ResultCsv.Validated(new ResultRow(values, extra), $"{source}: row {r + 1}"));
        }

        return (new ResultTable(header, rows), Signature(result.Schema));
    }

    /// <summary>
    /// The rows decoded must be the rows the footer declares (file total and the sum over row groups): a damaged footer
    /// or column chunk that decodes to fewer rows is rejected instead of read as a partial table.
    /// </summary>
    private static async Task CheckRowCountsAsync(Stream stream, string source, int decoded, CancellationToken cancellation)
    {
        long declared,
            inGroups = 0;
        try
        {
            stream.Position = 0;
            await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellation).ConfigureAwait(false);
            declared = reader.Metadata?.NumRows ?? -1;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                inGroups += reader.RowGroups[g].RowCount;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ResultStoreException(
                $"{source}: damaged or not a Parquet file ({e.GetType().Name}: {ResultCsv.Shorten(e.Message)}). It was left untouched.",
                e
            );
        }

        // A footer that lost its row groups while column data remains between the magic and the footer.
        stream.Position = stream.Length - 8;
        Span<byte> footerLength = stackalloc byte[4];
        stream.ReadExactly(footerLength);
        long dataBytes = stream.Length - 8 - System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(footerLength) - 4;
        if (inGroups == 0 && dataBytes > 0)
        {
            throw new ResultStoreException(
                $"{source}: damaged Parquet file (its footer lists no row groups, yet {dataBytes} bytes of column data precede it). It was left untouched."
            );
        }

        if (declared != inGroups || inGroups != decoded)
        {
            throw new ResultStoreException(
                $"{source}: damaged Parquet file (the footer declares {declared} rows, its row groups {inGroups}, and {decoded} decode). It was left untouched."
            );
        }
    }

    /// <summary>A Parquet file starts and ends with PAR1 and its footer fits inside it; checked before decoding.</summary>
    private static void CheckFrame(Stream stream, string source)
    {
        long length = stream.Length;
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        bool ok = length >= 12;
        if (ok)
        {
            stream.Position = 0;
            stream.ReadExactly(head);
            stream.Position = length - 8;
            stream.ReadExactly(tail);
            stream.Position = 0;
            long footer = BitConverter.ToUInt32(tail[..4]);
            ok = head.SequenceEqual("PAR1"u8) && tail[4..].SequenceEqual("PAR1"u8) && footer > 0 && footer <= length - 12;
        }

        if (!ok)
        {
            throw new ResultStoreException($"{source}: damaged or not a Parquet file (no valid PAR1 header and footer). It was left untouched.");
        }
    }

    private static Field FieldOf(string name, ColumnKind kind) =>
        kind switch
        {
            ColumnKind.String => new DataField(name, typeof(string), isNullable: true),
            ColumnKind.Int32 => new DataField<int?>(name),
            ColumnKind.Int64 => new DataField<long?>(name),
            ColumnKind.Double => new DataField<double?>(name),
            ColumnKind.Boolean => new DataField<bool?>(name),
            ColumnKind.Int64List => new ListField(name, new DataField<long>("element")),
            ColumnKind.Timestamp => new DateTimeDataField(
                name,
                DateTimeFormat.Timestamp,
                isAdjustedToUTC: true,
                unit: DateTimeTimeUnit.Millis,
                isNullable: true
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    private static string FieldSignature(Field field) =>
        field switch
        {
            ListField list => $"{list.Name}:list<{FieldSignature(list.Item)}>",
            DateTimeDataField t => $"{t.Name}:timestamp({t.DateTimeFormat},{t.IsAdjustedToUTC},{t.Unit})",
            DataField d => $"{d.Name}:{ValueType(d).Name}",
            _ => $"{field.Name}:{field.SchemaType}",
        };

    private static Type ValueType(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(ReadOnlyMemory<char>) ? typeof(string) : type;
    }

    private static object? ToParquet(object? value) =>
        value switch
        {
            IReadOnlyList<long> list => list as List<long> ?? list.ToList(),
            _ => value,
        };

    private static bool FromParquet(ColumnKind kind, object? raw, out object? value)
    {
        value = null;
        switch (raw)
        {
            case null:
                return true;
            case string text:
                return ResultCsv.TryParse(kind, text, out value); // e.g. the previous release wrote vectors and timestamps as text
            case ReadOnlyMemory<char> memory:
                return ResultCsv.TryParse(kind, memory.ToString(), out value);
        }

        switch (kind)
        {
            case ColumnKind.String:
                value = ResultCsv.FormatValue(raw);
                return true;
            case ColumnKind.Int32 when raw is int or short or byte or (long and >= int.MinValue and <= int.MaxValue):
                value = Convert.ToInt32(raw, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case ColumnKind.Int64 when raw is long or int or short or byte:
                value = Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case ColumnKind.Double when raw is double or float:
                value = Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case ColumnKind.Boolean when raw is bool:
                value = raw;
                return true;
            case ColumnKind.Timestamp when raw is DateTime t:
                value = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
                return true;
            case ColumnKind.Timestamp when raw is DateTimeOffset o:
                value = o.UtcDateTime;
                return true;
            case ColumnKind.Int64List when raw is IEnumerable items:
                var list = new List<long>();
                foreach (var item in items)
                {
                    if (item is not (long or int))
                    {
                        return false;
                    }

                    list.Add(Convert.ToInt64(item, System.Globalization.CultureInfo.InvariantCulture));
                }

                value = list.ToArray();
                return true;
            default:
                return false;
        }
    }
}
