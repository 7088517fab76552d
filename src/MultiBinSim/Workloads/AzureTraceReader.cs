using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads the Azure LLM inference traces (2023/2024): CSV <c>TIMESTAMP,ContextTokens,GeneratedTokens</c> with
/// timestamps like <c>2023-11-16 18:17:03.9799600</c> (no zone; any number of fractional digits). Arrival = seconds
/// since the first row. An optional <c>PredictedTokens</c> column supplies predictions.
/// </summary>
public static class AzureTraceReader
{
    public const string TimestampColumn = "TIMESTAMP";
    public const string ContextColumn = "ContextTokens";
    public const string GeneratedColumn = "GeneratedTokens";
    public const string PredictedColumn = "PredictedTokens";

    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    public static Trace Read(string path, int? maxRows = null)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read())
        {
            throw new TraceFormatException(path, null, null, $"the file is empty (expected a header line '{TimestampColumn},{ContextColumn},{GeneratedColumn}').");
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        int timestampIndex = Require(path, header, TimestampColumn);
        int contextIndex = Require(path, header, ContextColumn);
        int generatedIndex = Require(path, header, GeneratedColumn);
        int predictedIndex = Array.IndexOf(header, PredictedColumn);

        var ticks = new List<long>();
        var context = new List<int>();
        var generated = new List<int>();
        var predicted = predictedIndex >= 0 ? new List<int>() : null;
        int limit = maxRows ?? int.MaxValue;
        while (ticks.Count < limit && csv.Read())
        {
            long line = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
            {
                throw new TraceFormatException(path, line, null, $"malformed row: {csv.Parser.Count} fields, but the header has {header.Length}.");
            }

            string? stamp = csv.Parser[timestampIndex];
            if (!DateTime.TryParseExact(stamp, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new TraceFormatException(path, line, TimestampColumn, $"'{stamp}' is not a timestamp like 2023-11-16 18:17:03.9799600.");
            }

            ticks.Add(time.Ticks);
            context.Add(TraceFields.ParseTokens(path, line, ContextColumn, csv.Parser[contextIndex]));
            generated.Add(TraceFields.ParseTokens(path, line, GeneratedColumn, csv.Parser[generatedIndex]));
            predicted?.Add(TraceFields.ParseTokens(path, line, PredictedColumn, csv.Parser[predictedIndex]));
        }

        if (ticks.Count == 0)
        {
            throw new TraceFormatException(path, null, null, "the file has a header but no data rows.");
        }

        // Seconds since the first row, computed from exact 100 ns ticks so no precision is lost on absolute dates.
        long first = ticks[0];
        var seconds = ticks.Select(t => (t - first) / (double)TimeSpan.TicksPerSecond).ToArray();
        return new Trace(path, seconds, context.ToArray(), generated.ToArray(), predicted?.ToArray(), format: "azure");
    }

    private static int Require(string path, string[] header, string name)
    {
        int index = Array.IndexOf(header, name);
        return index >= 0 ? index : throw new TraceFormatException(path, 1, name, $"required column is missing (columns found: {string.Join(", ", header.Select(h => $"'{h}'"))}).");
    }
}
