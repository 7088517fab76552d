using System.Globalization;

namespace MultiBinSim.Workloads;

/// <summary>Field parsers shared by the trace readers: every failure names the file, the line and the column.</summary>
internal static class TraceFields
{
    public static double ParseSeconds(string path, long line, string column, string? field)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new TraceFormatException(path, line, column, $"'{field}' is not a number (seconds).");
        }

        if (value < 0)
        {
            throw new TraceFormatException(path, line, column, $"'{field}' is negative.");
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
            return value >= 0 ? value : throw new TraceFormatException(path, line, column, $"'{field}' is negative (token counts are >= 0).");
        }

        // Some exports write whole numbers as "123.0"; accept those, reject real fractions.
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real))
        {
            if (real < 0)
            {
                throw new TraceFormatException(path, line, column, $"'{field}' is negative (token counts are >= 0).");
            }

            if (real > int.MaxValue)
            {
                throw new TraceFormatException(path, line, column, $"'{field}' is too large (at most {int.MaxValue} tokens).");
            }

            return real == Math.Floor(real) ? (int)real : throw new TraceFormatException(path, line, column, $"'{field}' is not a whole number of tokens.");
        }

        bool digitsOnly = field.TrimStart('-', '+').All(char.IsAsciiDigit);
        throw new TraceFormatException(path, line, column,
            digitsOnly ? $"'{field}' is too large (at most {int.MaxValue} tokens)." : $"'{field}' is not an integer token count.");
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
