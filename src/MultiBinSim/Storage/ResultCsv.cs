using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace MultiBinSim.Storage;

/// <summary>
/// Result rows as CSV (CsvHelper): invariant culture, doubles in round-trip form, per-bin vectors as space-separated
/// integers, timestamps as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, empty field = null. Files are read by column name: the
/// columns may come in any order, columns of this version may be missing (null), unknown columns are kept as text.
/// </summary>
public static class ResultCsv
{
    /// <summary>The text form of <see cref="ColumnKind.Timestamp"/> values.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>The header line of this version's layout.</summary>
    public static string Header() => Header(ResultSchema.Names);

    /// <summary>The header line of <paramref name="layout"/>.</summary>
    public static string Header(IReadOnlyList<string> layout) => Line(layout.Cast<string?>());

    /// <summary>One row as a CSV line in this version's layout.</summary>
    public static string FormatLine(ResultRow row) => FormatLine(row, ResultSchema.Names);

    /// <summary>One row as a CSV line in <paramref name="layout"/> (a column the row lacks is empty).</summary>
    public static string FormatLine(ResultRow row, IReadOnlyList<string> layout) => Line(layout.Select(name => FieldText(row, name)));

    /// <summary>Writes the header and <paramref name="rows"/> in this version's layout.</summary>
    public static void WriteAll(TextWriter writer, IEnumerable<ResultRow> rows) => WriteAll(writer, rows, ResultSchema.Names);

    /// <summary>Writes the header and <paramref name="rows"/> in <paramref name="layout"/>.</summary>
    public static void WriteAll(TextWriter writer, IEnumerable<ResultRow> rows, IReadOnlyList<string> layout)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header(layout));
        foreach (var row in rows)
        {
            writer.Write(FormatLine(row, layout));
        }
    }

    /// <summary>The whole file text of <paramref name="rows"/> in <paramref name="layout"/>.</summary>
    public static string ToText(IEnumerable<ResultRow> rows, IReadOnlyList<string> layout)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteAll(text, rows, layout);
        return text.ToString();
    }

    /// <summary>Reads every row (see <see cref="Read(string)"/>).</summary>
    public static List<ResultRow> ReadAll(string path) => Read(path).Rows;

    /// <summary>
    /// Reads a results CSV by column name. Any problem (not a results file, a damaged row, a value that does not parse)
    /// raises <see cref="ResultStoreException"/> naming the file, line and column; the file is never modified.
    /// </summary>
    public static ResultTable Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>
    /// Reads results CSV text; <paramref name="source"/> names it in messages. A line longer than
    /// <see cref="Workloads.InputLimits.MaxLineChars"/> is rejected as soon as the limit is passed (bounded memory).
    /// </summary>
    public static ResultTable Read(TextReader reader, string source)
    {
        try
        {
            using var bounded = new Workloads.BoundedLineReader(reader, source);
            return ReadBounded(bounded, source);
        }
        catch (Errors.InputFileException e)
        {
            throw new ResultStoreException($"{e.Message} The file was left untouched.", e);
        }
    }

    private static ResultTable ReadBounded(TextReader reader, string source)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = false,
            BadDataFound = args =>
                throw new ResultStoreException(
                    $"{source}:{args.Context.Parser?.RawRow}: damaged CSV (a stray quote in field '{Shorten(args.Field)}'). The file was left untouched."
                ),
        };
        using var csv = new CsvReader(reader, config);
        var rows = new List<ResultRow>();
        string[] header;
        try
        {
            if (!csv.Read())
            {
                return new ResultTable(ResultSchema.Names, rows);
            }

            csv.ReadHeader();
            header = csv.HeaderRecord ?? [];
            var map = HeaderMap(source, header);
            while (csv.Read())
            {
                long line = csv.Parser.RawRow;
                if (csv.Parser.Count != header.Length)
                {
                    throw new ResultStoreException(
                        $"{source}:{line}: damaged row ({csv.Parser.Count} fields, expected {header.Length}). The file was left untouched."
                    );
                }

                var values = new object?[ResultSchema.Columns.Count];
                Dictionary<string, string?>? extra = null;
                for (int c = 0; c < header.Length; c++)
                {
                    string? field = csv.Parser[c];
                    if (map[c] >= 0)
                    {
                        var column = ResultSchema.Columns[map[c]];
                        values[map[c]] = TryParse(column.Kind, field, out var value)
                            ? value
                            : throw new ResultStoreException(
                                $"{source}:{line}: column {c + 1} '{column.Name}': '{Shorten(field)}' is not a valid {column.Kind}. The file was left untouched."
                            );
                    }
                    else
                    {
                        extra ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                        extra[header[c]] = string.IsNullOrEmpty(field) ? null : field;
                    }
                }

                rows.Add(Validated(new ResultRow(values, extra), $"{source}:{line}"));
            }
        }
        catch (CsvHelperException e)
        {
            throw new ResultStoreException($"{source}:{e.Context?.Parser?.RawRow}: damaged CSV ({e.GetType().Name}). The file was left untouched.", e);
        }

        return new ResultTable(header, rows);
    }

    /// <summary>The CSV text of one value (null = empty).</summary>
    public static string FormatValue(object? value) =>
        value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            DateTime t => t.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture),
            IReadOnlyList<long> list => string.Join(' ', list.Select(v => v.ToString(CultureInfo.InvariantCulture))),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    /// <summary>Parses the CSV text of a value of <paramref name="kind"/> (empty = null); false when it does not parse.</summary>
    public static bool TryParse(ColumnKind kind, string? field, out object? value)
    {
        value = null;
        if (string.IsNullOrEmpty(field))
        {
            return true; // empty and null are the same in CSV; rows never store empty strings
        }

        switch (kind)
        {
            case ColumnKind.String:
                value = field;
                return true;
            case ColumnKind.Int32 when int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i):
                value = i;
                return true;
            case ColumnKind.Int64 when long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l):
                value = l;
                return true;
            case ColumnKind.Double when double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double d):
                value = d;
                return true;
            case ColumnKind.Boolean when bool.TryParse(field, out bool b):
                value = b;
                return true;
            case ColumnKind.Timestamp
                when DateTime.TryParseExact(
                    field,
                    TimestampFormat,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                    out var t
                ):
                value = t;
                return true;
            case ColumnKind.Int64List:
                var parts = field.Split(' ');
                var list = new long[parts.Length];
                for (int p = 0; p < parts.Length; p++)
                {
                    if (!long.TryParse(parts[p], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out list[p]))
                    {
                        return false;
                    }
                }

                value = list;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Checks the header of a results file: names unique and non-empty, the identifying columns present. Returns, per
    /// file column, its index in <see cref="ResultSchema.Columns"/> or -1 for a column this version does not know.
    /// </summary>
    internal static int[] HeaderMap(string source, IReadOnlyList<string> header)
    {
        var missing = ResultSchema.Required.Where(r => !header.Contains(r)).ToArray();
        if (missing.Length > 0)
        {
            throw new ResultStoreException(
                $"{source}:1: not a MultiBinSim results file (its header has {header.Count} columns starting '{Shorten(string.Join(",", header.Take(3)))}' "
                    + $"and lacks {string.Join(", ", missing)}). It was left untouched; use another --out folder."
            );
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < header.Count; c++)
        {
            if (string.IsNullOrWhiteSpace(header[c]) || !seen.Add(header[c]))
            {
                throw new ResultStoreException(
                    $"{source}:1: column {c + 1}: {(string.IsNullOrWhiteSpace(header[c]) ? "empty column name" : $"duplicate column '{Shorten(header[c])}'")}. The file was left untouched."
                );
            }
        }

        return header.Select(ResultSchema.TryIndexOf).ToArray();
    }

    /// <summary>A row as read from a file must identify its test: key, step and a known status.</summary>
    internal static ResultRow Validated(ResultRow row, string where)
    {
        if (row[ConfigurationColumns.TestKey.Name] is not string key || key.Length == 0)
        {
            throw new ResultStoreException($"{where}: column 'test_key' is empty. The file was left untouched.");
        }

        if (row[ConfigurationColumns.Step.Name] is null)
        {
            throw new ResultStoreException($"{where}: column 'step' is empty. The file was left untouched.");
        }

        if (row[ConfigurationColumns.Status.Name] is not (ResultRow.Success or ResultRow.Failed))
        {
            throw new ResultStoreException(
                $"{where}: column 'status' is '{Shorten(row[ConfigurationColumns.Status.Name] as string)}', expected '{ResultRow.Success}' or '{ResultRow.Failed}'. The file was left untouched."
            );
        }

        return row;
    }

    /// <summary>At most 40 characters of <paramref name="text"/>, control characters escaped, so a message stays one line
    /// (the trace readers' <see cref="Workloads.TraceFields.Shorten"/>).</summary>
    internal static string Shorten(string? text) => Workloads.TraceFields.Shorten(text, 40);

    private static string FieldText(ResultRow row, string name)
    {
        int i = ResultSchema.TryIndexOf(name);
        if (i >= 0)
        {
            return FormatValue(row[i]);
        }

        return row.Extra.TryGetValue(name, out var text) ? text ?? "" : "";
    }

    private static string Line(IEnumerable<string?> fields)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Config))
        {
            foreach (var field in fields)
            {
                csv.WriteField(field ?? "");
            }

            csv.NextRecord();
        }

        return text.ToString();
    }
}
