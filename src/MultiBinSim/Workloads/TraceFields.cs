using System.Globalization;
using System.Text;

namespace MultiBinSim.Workloads;

/// <summary>Field parsers shared by the trace readers: every failure names the file, the line and the column.</summary>
internal static class TraceFields
{
    public static double ParseSeconds(string path, long line, string column, string? field)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new TraceFormatException(path, line, column, $"'{Shorten(field)}' is not a number (seconds).");
        }

        if (value < 0)
        {
            throw new TraceFormatException(path, line, column, $"'{Shorten(field)}' is negative.");
        }

        return value;
    }

    public static int ParseTokens(string path, long line, string column, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            throw new TraceFormatException(path, line, column, "empty value (expected a token count).");
        }

        if (int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value >= 0 ? value : throw new TraceFormatException(path, line, column, $"'{Shorten(field)}' is negative (token counts are >= 0).");
        }

        // Some exports write whole numbers as "123.0"; accept those, reject real fractions.
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real))
        {
            if (real < 0)
            {
                throw new TraceFormatException(path, line, column, $"'{Shorten(field)}' is negative (token counts are >= 0).");
            }

            if (real > int.MaxValue)
            {
                throw new TraceFormatException(path, line, column, $"'{Shorten(field)}' is too large (at most {int.MaxValue} tokens).");
            }

            return real == Math.Floor(real)
                ? (int)real
                : throw new TraceFormatException(path, line, column, $"'{Shorten(field)}' is not a whole number of tokens.");
        }

        bool digitsOnly = field.TrimStart('-', '+').All(char.IsAsciiDigit);
        throw new TraceFormatException(
            path,
            line,
            column,
            digitsOnly ? $"'{Shorten(field)}' is too large (at most {int.MaxValue} tokens)." : $"'{Shorten(field)}' is not an integer token count."
        );
    }

    /// <summary>
    /// A field as quoted in a one-line message: control characters (a newline inside a quoted field, a NUL byte)
    /// escaped, and cut to <paramref name="max"/> characters, so an error about a damaged line stays one short line.
    /// </summary>
    public static string Shorten(string? field, int max = 60)
    {
        if (field is null)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (char c in field.Length > max ? field.AsSpan(0, max) : field.AsSpan())
        {
            _ = c switch
            {
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' => text.Append(
                    CultureInfo.InvariantCulture,
                    $"\\u{(int)c:X4}"
                ),
                _ => text.Append(c),
            };
        }

        return field.Length > max ? text.Append("...").ToString() : text.ToString();
    }

    /// <summary>A header's column names for a message: quoted, shortened, at most the first 12.</summary>
    public static string ColumnList(string[] header)
    {
        if (header.Length == 0)
        {
            return "none";
        }

        string shown = string.Join(", ", header.Take(12).Select(h => $"'{Shorten(h)}'"));
        return header.Length > 12 ? $"{shown}, ... ({header.Length} in all)" : shown;
    }

    /// <summary>Keeps one instance per distinct string (a trace has millions of rows but a handful of model names).</summary>
    public sealed class Interner
    {
        private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

        public string Intern(string value)
        {
            if (!_pool.TryGetValue(value, out var pooled))
            {
                _pool[value] = pooled = value;
            }

            return pooled;
        }
    }
}
