using System.Globalization;
using System.Text;
using MultiBinSim.Errors;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// Reads measured iteration times for <c>fit:CSV</c>: a header <c>sequences,prefill_tokens,decode_context_tokens,seconds</c>
/// (columns in any order, names matched case-insensitively) and one row per iteration. Plain comma-separated values
/// only: quotes are rejected, blank lines skipped, a line is capped at <see cref="MaxLineChars"/> characters. Every
/// malformed input raises <see cref="InputFileException"/> naming the file, the line and, where one is at fault, the
/// column. (The format has no quoting, so a split on commas is the whole parser; CsvHelper would add nothing and has
/// no line cap.)
/// </summary>
public static class StepTimeCsv
{
    /// <summary>Column: sequences in the iteration (an integer >= 1).</summary>
    public const string SequencesColumn = "sequences";

    /// <summary>Column: prompt tokens processed in the iteration (an integer >= 0).</summary>
    public const string PrefillTokensColumn = "prefill_tokens";

    /// <summary>Column: context tokens of the iteration's decode sequences (an integer >= 0).</summary>
    public const string DecodeContextTokensColumn = "decode_context_tokens";

    /// <summary>Column: measured iteration time in seconds (a number > 0 and at most <see cref="MaxSeconds"/>).</summary>
    public const string SecondsColumn = "seconds";

    /// <summary>The columns in their documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [SequencesColumn, PrefillTokensColumn, DecodeContextTokensColumn, SecondsColumn];

    /// <summary>The expected header line.</summary>
    public static string Header { get; } = string.Join(",", Columns);

    /// <summary>The longest line read, in characters (1 MiB): a longer line is an error, never a large allocation.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>Fewest data rows accepted: one per fitted term.</summary>
    public const int MinimumRows = 4;

    /// <summary>
    /// Longest iteration time accepted, in seconds (10^6, about 11.6 days): no measured iteration comes near it, and the
    /// cap keeps the fit's sums of squares finite (a time near 10^308 would overflow them).
    /// </summary>
    public const double MaxSeconds = 1e6;

    /// <summary>Largest whole number accepted in a token column (2^53, the largest a double holds exactly).</summary>
    private const double MaxWhole = 9_007_199_254_740_992.0;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<StepTimeSample> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, null, "step-time measurements file not found.");
        }

        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Read(reader, path);
        }
        catch (IOException e)
        {
            throw new InputFileException(path, null, null, $"cannot read the file ({e.Message}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputFileException(path, null, null, $"cannot read the file ({e.Message}).", e);
        }
    }

    /// <summary>Reads measurements from <paramref name="text"/>; <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyList<StepTimeSample> Read(TextReader text, string path)
    {
        // The trace readers' bounded scanner: \n, \r\n and lone \r endings, a line capped at MaxLineChars.
        var lines = new Workloads.LineScanner(text, path, maxLineChars: MaxLineChars);
        string? headerLine = lines.TryReadLine(out var first) ? first.ToString() : null;
        if (headerLine is null || headerLine.Trim().Length == 0)
        {
            throw new InputFileException(path, 1, null, $"the file is empty (expected the header '{Header}').");
        }

        int[] index = ReadHeader(path, headerLine.TrimStart('\uFEFF')); // a byte-order mark a TextReader passed through
        var samples = new List<StepTimeSample>();
        string?[] fields = new string?[Columns.Count];
        while (lines.TryReadLine(out var span))
        {
            string line = span.ToString();
            long lineNumber = lines.LineNumber;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] parts = line.Split(',');
            int quoted = Array.FindIndex(parts, p => p.Contains('"'));
            if (quoted >= 0)
            {
                string? column = quoted < Columns.Count ? ColumnAt(index, quoted) : null;
                throw new InputFileException(path, lineNumber, column, "quoted fields are not supported (plain comma-separated numbers only).");
            }

            if (parts.Length != Columns.Count)
            {
                throw new InputFileException(path, lineNumber, null, $"{parts.Length} fields, but the header has {Columns.Count}.");
            }

            for (int c = 0; c < Columns.Count; c++)
            {
                fields[c] = parts[index[c]].Trim();
            }

            samples.Add(new StepTimeSample(
                Whole(path, lineNumber, SequencesColumn, fields[0], minimum: 1),
                Whole(path, lineNumber, PrefillTokensColumn, fields[1], minimum: 0),
                Whole(path, lineNumber, DecodeContextTokensColumn, fields[2], minimum: 0),
                Seconds(path, lineNumber, fields[3])));
        }

        if (samples.Count < MinimumRows)
        {
            throw new InputFileException(path, lines.LineNumber + 1, null,
                $"too few rows: fitting {MinimumRows} terms needs at least {MinimumRows} iterations (found {samples.Count}).");
        }

        return samples;
    }

    /// <summary>For each documented column, its position in the file.</summary>
    private static int[] ReadHeader(string path, string headerLine)
    {
        if (headerLine.Contains('"'))
        {
            throw new InputFileException(path, 1, null, $"quoted fields are not supported (expected the header '{Header}').");
        }

        string[] names = headerLine.Split(',').Select(n => n.Trim()).ToArray();
        if (names.All(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new InputFileException(path, 1, null, $"the header is missing: the first line must be '{Header}'.");
        }

        var index = new int[Columns.Count];
        Array.Fill(index, -1);
        for (int i = 0; i < names.Length; i++)
        {
            int c = FindColumn(names[i]);
            if (c < 0)
            {
                throw new InputFileException(path, 1, names[i].Length == 0 ? $"#{i + 1}" : names[i],
                    $"unknown column (expected exactly: {Header}).");
            }

            if (index[c] >= 0)
            {
                throw new InputFileException(path, 1, Columns[c], "duplicate column.");
            }

            index[c] = i;
        }

        for (int c = 0; c < Columns.Count; c++)
        {
            if (index[c] < 0)
            {
                throw new InputFileException(path, 1, Columns[c], $"required column is missing (expected: {Header}).");
            }
        }

        return index;
    }

    private static int FindColumn(string name)
    {
        for (int c = 0; c < Columns.Count; c++)
        {
            if (string.Equals(Columns[c], name, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return -1;
    }

    private static string? ColumnAt(int[] index, int position)
    {
        int c = Array.IndexOf(index, position);
        return c >= 0 ? Columns[c] : null;
    }

    private static long Whole(string path, long line, string column, string? field, long minimum)
    {
        if (string.IsNullOrEmpty(field))
        {
            throw new InputFileException(path, line, column, "empty value (expected a whole number).");
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new InputFileException(path, line, column, $"'{field}' is not a number.");
        }

        if (!double.IsFinite(value))
        {
            throw new InputFileException(path, line, column, $"'{field}' is not a finite number.");
        }

        if (value < 0)
        {
            throw new InputFileException(path, line, column, $"'{field}' is negative.");
        }

        if (value != Math.Floor(value))
        {
            throw new InputFileException(path, line, column, $"'{field}' is not a whole number.");
        }

        if (value > MaxWhole)
        {
            throw new InputFileException(path, line, column, $"'{field}' is too large (at most 2^53).");
        }

        if (value < minimum)
        {
            throw new InputFileException(path, line, column, $"'{field}' is below the minimum of {minimum}.");
        }

        return (long)value;
    }

    private static double Seconds(string path, long line, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            throw new InputFileException(path, line, SecondsColumn, "empty value (expected seconds).");
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new InputFileException(path, line, SecondsColumn, $"'{field}' is not a number (seconds).");
        }

        if (!double.IsFinite(value))
        {
            throw new InputFileException(path, line, SecondsColumn, $"'{field}' is not a finite number.");
        }

        if (value < 0)
        {
            throw new InputFileException(path, line, SecondsColumn, $"'{field}' is negative.");
        }

        if (value == 0)
        {
            throw new InputFileException(path, line, SecondsColumn, "an iteration time must be greater than 0.");
        }

        if (value > MaxSeconds)
        {
            throw new InputFileException(path, line, SecondsColumn, $"'{field}' is too large for an iteration time (at most {MaxSeconds:0} seconds).");
        }

        return value;
    }
}
