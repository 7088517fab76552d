using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MultiBinSim.Storage;

/// <summary>Result rows as CSV (CsvHelper): invariant culture, doubles in round-trip form, empty field = null.</summary>
public static class ResultCsv
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    public static string Header() => Line(ResultSchema.Names.Cast<object?>().ToArray());

    public static string FormatLine(ResultRow row) => Line(row.Values.Select(Format).Cast<object?>().ToArray());

    public static void WriteAll(TextWriter writer, IEnumerable<ResultRow> rows)
    {
        writer.Write(Header());
        foreach (var row in rows)
        {
            writer.Write(FormatLine(row));
        }
    }

    /// <summary>Reads every row, checking the header is exactly ours; any problem names the file and line.</summary>
    public static List<ResultRow> ReadAll(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true, BadDataFound = null });
        var rows = new List<ResultRow>();
        try
        {
            if (!csv.Read())
            {
                return rows;
            }

            csv.ReadHeader();
            var header = csv.HeaderRecord ?? [];
            if (!header.SequenceEqual(ResultSchema.Names))
            {
                throw new ResultStoreException(
                    $"{path}: not a MultiBinSim results file of this version (its header has {header.Length} columns starting " +
                    $"'{string.Join(",", header.Take(3))}'; expected {ResultSchema.Names.Count} starting '{string.Join(",", ResultSchema.Names.Take(3))}'). " +
                    "It was left untouched; use another --out folder.");
            }

            while (csv.Read())
            {
                long line = csv.Parser.RawRow;
                if (csv.Parser.Count != header.Length)
                {
                    throw new ResultStoreException($"{path}:{line}: damaged row ({csv.Parser.Count} fields, expected {header.Length}). The file was left untouched.");
                }

                var values = new object?[header.Length];
                for (int c = 0; c < header.Length; c++)
                {
                    values[c] = Parse(path, line, ResultSchema.Columns[c], csv.Parser[c]);
                }

                rows.Add(new ResultRow(values));
            }
        }
        catch (CsvHelperException e)
        {
            throw new ResultStoreException($"{path}:{e.Context?.Parser?.RawRow}: damaged CSV ({e.GetType().Name}). The file was left untouched.", e);
        }

        return rows;
    }

    private static string Line(object?[] fields)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Config))
        {
            foreach (var field in fields)
            {
                csv.WriteField(field as string ?? "");
            }

            csv.NextRecord();
        }

        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Parse(string path, long line, ResultColumn column, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return null; // empty and null are the same in CSV; rows never store empty strings
        }

        bool ok;
        object? value;
        switch (column.Kind)
        {
            case ColumnKind.String:
                return field;
            case ColumnKind.Int32:
                ok = int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i);
                value = i;
                break;
            case ColumnKind.Int64:
                ok = long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l);
                value = l;
                break;
            case ColumnKind.Double:
                ok = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double d);
                value = d;
                break;
            default:
                ok = bool.TryParse(field, out bool b);
                value = b;
                break;
        }

        return ok ? value : throw new ResultStoreException($"{path}:{line}: column '{column.Name}': '{field}' is not a valid {column.Kind}. The file was left untouched.");
    }
}
