using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads BurstGPT CSV traces (<c>Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type</c>).
/// Only Timestamp, Request tokens and Response tokens are required; an optional <c>Predicted tokens</c> column is kept.
/// Every problem is reported with the file, the line and the column.
/// </summary>
public static class BurstGptReader
{
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

        // Plain BurstGPT files (no quoting) take a span-based fast path; anything else goes through CsvHelper.
        return BurstGptFastReader.TryRead(path, maxRows) ?? ReadWithCsvHelper(path, maxRows);
    }

    private static Trace ReadWithCsvHelper(string path, int? maxRows)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, maxRows);
    }

    public static Trace Read(TextReader text, string path, int? maxRows = null)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read())
        {
            throw new TraceFormatException(path, null, null, "the file is empty (expected a header line starting with 'Timestamp').");
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
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

        while (timestamps.Count < limit)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (BadDataException e)
            {
                throw new TraceFormatException(path, e.Context?.Parser?.RawRow, null, "malformed row (unbalanced quotes).");
            }
            catch (CsvHelperException e)
            {
                throw new TraceFormatException(path, e.Context?.Parser?.RawRow, null, $"malformed row: {e.GetType().Name}.");
            }

            if (!more)
            {
                break;
            }

            long line = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
            {
                throw new TraceFormatException(path, line, null,
                    $"malformed row: {csv.Parser.Count} fields, but the header has {header.Length}.");
            }

            timestamps.Add(TraceFields.ParseSeconds(path, line, TimestampColumn, csv.Parser[timestampIndex]));
            request.Add(TraceFields.ParseTokens(path, line, RequestColumn, csv.Parser[requestIndex]));
            response.Add(TraceFields.ParseTokens(path, line, ResponseColumn, csv.Parser[responseIndex]));
            predicted?.Add(TraceFields.ParseTokens(path, line, PredictedColumn, csv.Parser[predictedIndex]));
            models?.Add(interner.Intern(csv.Parser[modelIndex] ?? ""));
            logTypes?.Add(interner.Intern(csv.Parser[logTypeIndex] ?? ""));
        }

        if (timestamps.Count == 0)
        {
            throw new TraceFormatException(path, null, null, "the file has a header but no data rows.");
        }

        return new Trace(path, timestamps.ToArray(), request.ToArray(), response.ToArray(), predicted?.ToArray(),
            models: models?.ToArray(), logTypes: logTypes?.ToArray(), format: "burstgpt");
    }

    internal static int RequireColumn(string path, string[] header, string name)
    {
        int index = Array.IndexOf(header, name);
        if (index < 0)
        {
            string found = header.Length == 0 ? "none" : string.Join(", ", header.Select(h => $"'{h}'"));
            throw new TraceFormatException(path, 1, name, $"required column is missing (columns found: {found}).");
        }

        return index;
    }
}
