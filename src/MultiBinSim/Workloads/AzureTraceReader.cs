using System.Globalization;
using System.Text;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads the Azure LLM inference traces (2023/2024): CSV <c>TIMESTAMP,ContextTokens,GeneratedTokens</c> with
/// timestamps like <c>2023-11-16 18:17:03.9799600</c> (no zone; any number of fractional digits). Arrival = seconds
/// since the first row. An optional <c>PredictedTokens</c> column supplies predictions.
/// </summary>
public static class AzureTraceReader
{
    /// <summary>The Azure format: CSV recognised by a ContextTokens column in its header.</summary>
    public static TraceFormat Format { get; } =
        new(
            "azure",
            "Azure LLM inference trace CSV: TIMESTAMP,ContextTokens,GeneratedTokens",
            (_, first) => first is not null && first.Split(',').Any(column => column.Trim() == ContextColumn),
            Read
        );

    public const string TimestampColumn = "TIMESTAMP";
    public const string ContextColumn = "ContextTokens";
    public const string GeneratedColumn = "GeneratedTokens";
    public const string PredictedColumn = "PredictedTokens";

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

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
    /// Reads a trace from <paramref name="stream"/> (UTF-8, BOM optional); <paramref name="path"/> names it in messages.
    /// Every malformed input raises <see cref="TraceFormatException"/> naming the line and column.
    /// </summary>
    public static Trace Read(Stream stream, string path, int? maxRows = null)
    {
        using var csv = new CsvInput(
            new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true),
            path,
            (p, l, c, problem, inner) => new TraceFormatException(p, l, c, problem, inner)
        );
        var header = csv.ReadHeader($"the file is empty (expected a header line '{TimestampColumn},{ContextColumn},{GeneratedColumn}').");
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
            long line = csv.Line;
            csv.RequireHeaderWidth();
            string? stamp = csv.Field(timestampIndex, TimestampColumn);
            if (
                !DateTime.TryParseExact(
                    stamp,
                    TimestampFormats,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                    out var time
                )
            )
            {
                throw new TraceFormatException(
                    path,
                    line,
                    TimestampColumn,
                    $"'{TraceFields.Shorten(stamp)}' is not a timestamp like 2023-11-16 18:17:03.9799600."
                );
            }

            ticks.Add(time.Ticks);
            context.Add(TraceFields.ParseTokens(path, line, ContextColumn, csv.Field(contextIndex, ContextColumn)));
            generated.Add(TraceFields.ParseTokens(path, line, GeneratedColumn, csv.Field(generatedIndex, GeneratedColumn)));
            predicted?.Add(TraceFields.ParseTokens(path, line, PredictedColumn, csv.Field(predictedIndex, PredictedColumn)));
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
        return index >= 0
            ? index
            : throw new TraceFormatException(path, 1, name, $"required column is missing (columns found: {TraceFields.ColumnList(header)}).");
    }
}
