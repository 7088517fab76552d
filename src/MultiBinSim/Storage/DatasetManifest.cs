using System.Globalization;
using System.Text;
using MultiBinSim.Errors;
using MultiBinSim.Workloads;

namespace MultiBinSim.Storage;

/// <summary>One fetched file as recorded in <c>DATASETS.md</c>.</summary>
public sealed record DatasetManifestEntry(string File, string Source, long Bytes, long Rows, string Sha256, DateTime FetchedUtc);

/// <summary>
/// The <c>DATASETS.md</c> manifest <c>mbsim data fetch</c> keeps beside downloaded traces: free Markdown text plus one
/// table row per file (<c>| file | source | bytes | data rows | sha256 | fetched (UTC) |</c>). Reading checks every
/// table row (six cells, whole non-negative numbers, a 64-digit hex SHA-256, a <c>yyyy-MM-dd HH:mm</c> time) and
/// raises <see cref="InputFileException"/> naming the line and the column of the first bad cell; all other lines
/// are kept as they are when the manifest is rewritten.
/// </summary>
public sealed class DatasetManifest
{
    /// <summary>The table's header row.</summary>
    public const string TableHeader = "| file | source | bytes | data rows | sha256 | fetched (UTC) |";

    /// <summary>The table's alignment row.</summary>
    public const string TableSeparator = "|---|---|---:|---:|---|---|";

    private const string TimeFormat = "yyyy-MM-dd HH:mm";
    private static readonly string[] Columns = ["file", "source", "bytes", "data rows", "sha256", "fetched (UTC)"];

    private readonly List<string> _lines;

    private DatasetManifest(List<string> lines, List<DatasetManifestEntry> entries)
    {
        _lines = lines;
        Entries = entries;
    }

    /// <summary>The recorded files, in file order.</summary>
    public IReadOnlyList<DatasetManifestEntry> Entries { get; }

    /// <summary>A new manifest with the standard preamble and an empty table.</summary>
    public static DatasetManifest Empty() =>
        new(
            [
                "# Datasets",
                "",
                "Fetched by `mbsim data fetch`; verified by header, row count and first rows. Licence: BurstGPT, CC BY 4.0 (Wang et al., KDD'25).",
                "",
                TableHeader,
                TableSeparator,
            ],
            []
        );

    /// <summary>Reads the manifest at <paramref name="path"/>, or <see cref="Empty"/> when there is none.</summary>
    public static DatasetManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty();
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a manifest from <paramref name="stream"/> (left open); <paramref name="path"/> names it in messages.</summary>
    public static DatasetManifest Read(Stream stream, string path)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 12, leaveOpen: true);
        var scanner = new LineScanner(text, path);
        var lines = new List<string>();
        var entries = new List<DatasetManifestEntry>();
        while (scanner.TryReadLine(out var span))
        {
            string line = span.ToString();
            lines.Add(line);
            string trimmed = line.Trim();
            if (trimmed.StartsWith('|') && trimmed != TableHeader && !IsSeparator(trimmed))
            {
                entries.Add(ParseRow(path, scanner.LineNumber, trimmed));
            }
        }

        return new DatasetManifest(lines, entries);
    }

    /// <summary>This manifest with <paramref name="entry"/> recorded (replacing an earlier row for the same file).</summary>
    public DatasetManifest With(DatasetManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string prefix = $"| {entry.File} |";
        var lines = _lines.Where(l => !l.Trim().StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (!lines.Any(l => l.Trim() == TableHeader))
        {
            lines.AddRange(["", TableHeader, TableSeparator]);
        }

        lines.Add(Format(entry));
        var entries = Entries.Where(e => e.File != entry.File).Append(entry).ToList();
        return new DatasetManifest(lines, entries);
    }

    /// <summary>The manifest's text ('\n' line endings, a final newline).</summary>
    public override string ToString() => string.Join("\n", _lines) + "\n";

    /// <summary>Writes the manifest atomically (never half a file).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    private static string Format(DatasetManifestEntry e) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"| {e.File} | {e.Source} | {e.Bytes} | {e.Rows} | {e.Sha256} | {e.FetchedUtc.ToString(TimeFormat, CultureInfo.InvariantCulture)} |"
        );

    private static bool IsSeparator(string line) => line.Trim('|', '-', ':', ' ').Length == 0;

    private static DatasetManifestEntry ParseRow(string path, long line, string row)
    {
        if (!row.EndsWith('|') || row.Length < 2)
        {
            throw new InputFileException(path, line, null, "a table row must start and end with '|'.");
        }

        var cells = row[1..^1].Split('|').Select(c => c.Trim()).ToArray();
        if (cells.Length != Columns.Length)
        {
            throw new InputFileException(path, line, null, $"a table row has {cells.Length} cells; expected {Columns.Length} ({string.Join(", ", Columns)}).");
        }

        if (cells[0].Length == 0)
        {
            throw new InputFileException(path, line, Columns[0], "empty file name.");
        }

        long bytes = Count(path, line, Columns[2], cells[2]);
        long rows = Count(path, line, Columns[3], cells[3]);
        if (cells[4].Length != 64 || !cells[4].All(char.IsAsciiHexDigitLower) && !cells[4].All(char.IsAsciiHexDigit))
        {
            throw new InputFileException(path, line, Columns[4], $"'{TraceFields.Shorten(cells[4])}' is not a SHA-256 (64 hex digits).");
        }

        if (
            !DateTime.TryParseExact(
                cells[5],
                TimeFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var fetched
            )
        )
        {
            throw new InputFileException(path, line, Columns[5], $"'{TraceFields.Shorten(cells[5])}' is not a time like 2025-01-31 12:00.");
        }

        return new DatasetManifestEntry(cells[0], cells[1], bytes, rows, cells[4].ToLowerInvariant(), fetched);
    }

    private static long Count(string path, long line, string column, string cell) =>
        long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new InputFileException(path, line, column, $"'{TraceFields.Shorten(cell)}' is not a whole non-negative number.");
}
