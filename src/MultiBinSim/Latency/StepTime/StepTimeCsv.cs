using System.Globalization;
using System.Text;
using MultiBinSim.Errors;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// Reads measured iteration times for <c>fit:CSV</c>: a header <c>sequences,prefill_tokens,decode_context_tokens,seconds</c>,
/// optionally with <c>prefill_tokens_squared</c> (columns in any order, names matched case-insensitively), and one row
/// per iteration. Plain comma-separated values
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

    /// <summary>
    /// Optional column: the sum over the iteration's prefill chunks of (chunk length)^2, an integer; 0 when
    /// <c>prefill_tokens</c> is 0, otherwise between the least such a sum can be (every chunk has at least one token and
    /// the chunks belong to at most <c>sequences</c> sequences: max(prefill_tokens, ceil(prefill_tokens^2 / sequences)))
    /// and prefill_tokens^2 (one chunk). Its presence asks for the split fit (<see cref="StepTimeFit.FitSplit"/>).
    /// </summary>
    public const string PrefillTokensSquaredColumn = "prefill_tokens_squared";

    /// <summary>The required columns in their documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [SequencesColumn, PrefillTokensColumn, DecodeContextTokensColumn, SecondsColumn];

    /// <summary>The optional columns.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = [PrefillTokensSquaredColumn];

    /// <summary>The expected header line (required columns only).</summary>
    public static string Header { get; } = string.Join(",", Columns);

    /// <summary>Every known column: the required ones, then the optional ones.</summary>
    private static readonly string[] AllColumns = [.. Columns, .. OptionalColumns];

    /// <summary>Position of <see cref="PrefillTokensSquaredColumn"/> in <see cref="AllColumns"/>.</summary>
    private const int SquaredIndex = 4;

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
    public static IReadOnlyList<StepTimeSample> Load(string path) => LoadMeasurements(path).Rows;

    /// <summary>Reads the file at <paramref name="path"/>, with which optional columns it has.</summary>
    public static StepTimeMeasurements LoadMeasurements(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, null, "step-time measurements file not found.");
        }

        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ReadMeasurements(reader, path);
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
    public static IReadOnlyList<StepTimeSample> Read(TextReader text, string path) => ReadMeasurements(text, path).Rows;

    /// <summary>
    /// Reads measurements from <paramref name="text"/>, with which optional columns it has; <paramref name="path"/>
    /// names it in errors.
    /// </summary>
    public static StepTimeMeasurements ReadMeasurements(TextReader text, string path)
    {
        // The trace readers' bounded scanner: \n, \r\n and lone \r endings, a line capped at MaxLineChars.
        var lines = new Workloads.LineScanner(text, path, maxLineChars: MaxLineChars);
        string? headerLine = lines.TryReadLine(out var first) ? first.ToString() : null;
        if (headerLine is null || headerLine.Trim().Length == 0)
        {
            throw new InputFileException(path, 1, null, $"the file is empty (expected the header '{Header}').");
        }

        int[] index = ReadHeader(path, headerLine.TrimStart('\uFEFF'), out int fieldCount); // a byte-order mark a TextReader passed through
        bool squared = index[SquaredIndex] >= 0;
        var samples = new List<StepTimeSample>();
        string?[] fields = new string?[AllColumns.Length];
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
                string? column = quoted < fieldCount ? ColumnAt(index, quoted) : null;
                throw new InputFileException(path, lineNumber, column, "quoted fields are not supported (plain comma-separated numbers only).");
            }

            if (parts.Length != fieldCount)
            {
                throw new InputFileException(path, lineNumber, null, $"{parts.Length} fields, but the header has {fieldCount}.");
            }

            for (int c = 0; c < AllColumns.Length; c++)
            {
                fields[c] = index[c] >= 0 ? parts[index[c]].Trim() : null;
            }

            var sample = new StepTimeSample(
                Whole(path, lineNumber, SequencesColumn, fields[0], minimum: 1),
                Whole(path, lineNumber, PrefillTokensColumn, fields[1], minimum: 0),
                Whole(path, lineNumber, DecodeContextTokensColumn, fields[2], minimum: 0),
                Seconds(path, lineNumber, fields[3])
            );
            if (squared)
            {
                sample = sample with { PrefillTokensSquared = SquaredChunks(path, lineNumber, fields[SquaredIndex], sample) };
            }

            samples.Add(sample);
        }

        if (samples.Count < MinimumRows)
        {
            throw new InputFileException(
                path,
                lines.LineNumber + 1,
                null,
                $"too few rows: fitting {MinimumRows} terms needs at least {MinimumRows} iterations (found {samples.Count})."
            );
        }

        return new StepTimeMeasurements(samples, squared);
    }

    /// <summary>
    /// For each known column (<see cref="AllColumns"/>), its position in the file (-1 for an absent optional column);
    /// <paramref name="fieldCount"/> is the number of columns in the header.
    /// </summary>
    private static int[] ReadHeader(string path, string headerLine, out int fieldCount)
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

        fieldCount = names.Length;
        var index = new int[AllColumns.Length];
        Array.Fill(index, -1);
        for (int i = 0; i < names.Length; i++)
        {
            int c = FindColumn(names[i]);
            if (c < 0)
            {
                throw new InputFileException(
                    path,
                    1,
                    names[i].Length == 0 ? $"#{i + 1}" : names[i],
                    $"unknown column (expected exactly: {Header}; optionally {string.Join(", ", OptionalColumns)})."
                );
            }

            if (index[c] >= 0)
            {
                throw new InputFileException(path, 1, AllColumns[c], "duplicate column.");
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
        for (int c = 0; c < AllColumns.Length; c++)
        {
            if (string.Equals(AllColumns[c], name, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return -1;
    }

    private static string? ColumnAt(int[] index, int position)
    {
        int c = Array.IndexOf(index, position);
        return c >= 0 ? AllColumns[c] : null;
    }

    /// <summary>
    /// The <see cref="PrefillTokensSquaredColumn"/> field of <paramref name="row"/>: a whole number, 0 for a decode
    /// iteration, otherwise a sum of squared chunk lengths the row's prompt tokens and sequences can have.
    /// </summary>
    private static long SquaredChunks(string path, long line, string? field, StepTimeSample row)
    {
        long value = Whole(path, line, PrefillTokensSquaredColumn, field, minimum: 0);
        long tokens = row.PrefillTokens;
        if (tokens == 0)
        {
            if (value != 0)
            {
                throw new InputFileException(
                    path,
                    line,
                    PrefillTokensSquaredColumn,
                    $"'{field}' must be 0 when prefill_tokens is 0 (a decode iteration has no prefill chunks)."
                );
            }

            return 0;
        }

        Int128 most = (Int128)tokens * tokens;
        Int128 least = Int128.Max(tokens, (most + row.Sequences - 1) / row.Sequences);
        if (value > most)
        {
            throw new InputFileException(
                path,
                line,
                PrefillTokensSquaredColumn,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{field}' is more than prefill_tokens^2 = {most} (the most {tokens} prompt tokens can give, as one chunk)."
                )
            );
        }

        if (value < least)
        {
            throw new InputFileException(
                path,
                line,
                PrefillTokensSquaredColumn,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{field}' is below {least}, the least a sum of squared chunk lengths can be for {tokens} prompt tokens in at most {row.Sequences} sequences."
                )
            );
        }

        return value;
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
