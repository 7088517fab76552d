using System.Text;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads BurstGPT CSV traces (<c>Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type</c>).
/// Only Timestamp, Request tokens and Response tokens are required; an optional <c>Predicted tokens</c> column is kept.
/// Every problem is reported with the file, the line and the column.
/// </summary>
public static class BurstGptReader
{
    /// <summary>The BurstGPT format: any other CSV (the fallback of detection).</summary>
    public static TraceFormat Format { get; } =
        new(
            "burstgpt",
            "BurstGPT CSV: Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type",
            (extension, first) => first is not null && extension is not (".jsonl" or ".json"),
            Read
        );

    public const string TimestampColumn = "Timestamp";
    public const string RequestColumn = "Request tokens";
    public const string ResponseColumn = "Response tokens";
    public const string PredictedColumn = "Predicted tokens";
    public const string ModelColumn = "Model";
    public const string LogTypeColumn = "Log Type";

    /// <summary>Reads the first <paramref name="maxRows"/> data rows (all when null).</summary>
    public static Trace Read(string path, int? maxRows = null)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path, maxRows);
    }

    /// <summary>
    /// Reads a trace from <paramref name="stream"/> (UTF-8, BOM optional; left open); <paramref name="path"/> names it
    /// in messages. Every malformed input raises <see cref="TraceFormatException"/> naming the line and column.
    /// </summary>
    public static Trace Read(Stream stream, string path, int? maxRows = null)
    {
        // Plain BurstGPT files (no quoting) take a span-based fast path; anything else goes through CsvHelper, which
        // reads the stream again from where it started (a stream that cannot seek goes to CsvHelper directly).
        if (stream.CanSeek)
        {
            long start = stream.Position;
            if (BurstGptFastReader.TryRead(stream, path, maxRows) is { } fast)
            {
                return fast;
            }

            stream.Position = start;
        }

        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return Read(text, path, maxRows);
    }

    /// <summary>Reads a trace with CsvHelper (quoted fields allowed); <paramref name="path"/> names it in messages.</summary>
    public static Trace Read(TextReader text, string path, int? maxRows = null)
    {
        using var csv = new CsvInput(text, path, (p, l, c, problem, inner) => new TraceFormatException(p, l, c, problem, inner));
        var header = csv.ReadHeader("the file is empty (expected a header line starting with 'Timestamp').");
        int timestampIndex = RequireColumn(path, header, TimestampColumn);
        int requestIndex = RequireColumn(path, header, RequestColumn);
        int responseIndex = RequireColumn(path, header, ResponseColumn);
        int predictedIndex = Array.IndexOf(header, PredictedColumn);
        int modelIndex = Array.IndexOf(header, ModelColumn);
        int logTypeIndex = Array.IndexOf(header, LogTypeColumn);
        var interner = new TraceFields.Interner();

        int capacity = maxRows is { } m ? Math.Min(m, 1 << 20) : 1 << 16;
        var timestamps = new List<double>(capacity);
        var request = new List<int>(capacity);
        var response = new List<int>(capacity);
        var predicted = predictedIndex >= 0 ? new List<int>(capacity) : null;
        var models = modelIndex >= 0 ? new List<string>(capacity) : null;
        var logTypes = logTypeIndex >= 0 ? new List<string>(capacity) : null;
        int limit = maxRows ?? int.MaxValue;

        while (timestamps.Count < limit && csv.Read())
        {
            long line = csv.Line;
            csv.RequireHeaderWidth();
            timestamps.Add(TraceFields.ParseSeconds(path, line, TimestampColumn, csv.Field(timestampIndex, TimestampColumn)));
            request.Add(TraceFields.ParseTokens(path, line, RequestColumn, csv.Field(requestIndex, RequestColumn)));
            response.Add(TraceFields.ParseTokens(path, line, ResponseColumn, csv.Field(responseIndex, ResponseColumn)));
            predicted?.Add(TraceFields.ParseTokens(path, line, PredictedColumn, csv.Field(predictedIndex, PredictedColumn)));
            models?.Add(interner.Intern(csv.Field(modelIndex, ModelColumn) ?? ""));
            logTypes?.Add(interner.Intern(csv.Field(logTypeIndex, LogTypeColumn) ?? ""));
        }

        if (timestamps.Count == 0)
        {
            throw new TraceFormatException(path, null, null, "the file has a header but no data rows.");
        }

        return new Trace(
            path,
            timestamps.ToArray(),
            request.ToArray(),
            response.ToArray(),
            predicted?.ToArray(),
            models: models?.ToArray(),
            logTypes: logTypes?.ToArray(),
            format: "burstgpt"
        );
    }

    internal static int RequireColumn(string path, string[] header, string name)
    {
        int index = Array.IndexOf(header, name);
        if (index < 0)
        {
            throw new TraceFormatException(path, 1, name, $"required column is missing (columns found: {TraceFields.ColumnList(header)}).");
        }

        return index;
    }
}
