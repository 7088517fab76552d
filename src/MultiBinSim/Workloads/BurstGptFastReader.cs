using System.Globalization;
using System.Text;

namespace MultiBinSim.Workloads;

/// <summary>
/// The fast path of <see cref="BurstGptReader"/> for plain files (BurstGPT never quotes): lines and fields are spans
/// over one reusable buffer, model names interned without allocating. It gives up (returns null) at the first quote character,
/// and the reader falls back to CsvHelper, so quoted files still read correctly. Same checks and messages as the
/// CsvHelper path. Reads BurstGPT_1 (1.43M rows) in well under a second.
/// </summary>
internal static class BurstGptFastReader
{
    /// <summary>Most rows the columns are sized for before reading (they grow beyond it as needed).</summary>
    private const int MaxPresizedRows = 1 << 21;

    /// <summary>Reads from <paramref name="stream"/> (left open); null when the text has a quote character.</summary>
    public static Trace? TryRead(Stream stream, string path, int? maxRows)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var lines = new LineScanner(reader, path, (p, l, problem) => new TraceFormatException(p, l, null, problem));
        string? headerLine = lines.TryReadLine(out var first) ? first.ToString() : null;
        if (headerLine is null)
        {
            throw new TraceFormatException(path, null, null, "the file is empty (expected a header line starting with 'Timestamp').");
        }

        if (headerLine.Contains('"'))
        {
            return null;
        }

        if (CountFields(headerLine) > InputLimits.MaxColumns)
        {
            throw new TraceFormatException(
                path,
                1,
                null,
                $"the header has {CountFields(headerLine):N0} columns; at most {InputLimits.MaxColumns:N0} are allowed (is this the right file?)."
            );
        }

        var header = headerLine.Split(',').Select(h => h.Trim()).ToArray();
        int timestampIndex = BurstGptReader.RequireColumn(path, header, BurstGptReader.TimestampColumn);
        int requestIndex = BurstGptReader.RequireColumn(path, header, BurstGptReader.RequestColumn);
        int responseIndex = BurstGptReader.RequireColumn(path, header, BurstGptReader.ResponseColumn);
        int predictedIndex = Array.IndexOf(header, BurstGptReader.PredictedColumn);
        int modelIndex = Array.IndexOf(header, BurstGptReader.ModelColumn);
        int logTypeIndex = Array.IndexOf(header, BurstGptReader.LogTypeColumn);

        int limit = maxRows ?? int.MaxValue;
        // BurstGPT lines average ~44 bytes: size the columns once instead of growing them repeatedly (BurstGPT_1 has
        // 1.43M rows), but never more than MaxPresizedRows up front, so a huge damaged file costs a bounded allocation.
        long fileLength = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : 1 << 20;
        int capacity = (int)Math.Min(fileLength / 40 + 16, Math.Min(limit, MaxPresizedRows));
        var columns = new Columns(capacity, predictedIndex >= 0, modelIndex >= 0, logTypeIndex >= 0);
        var pool = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Span<Range> fields = stackalloc Range[header.Length + 1];
        while (columns.Count < limit && lines.TryReadLine(out var text))
        {
            long lineNumber = lines.LineNumber;
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Contains('"'))
            {
                return null;
            }

            int count = text.Split(fields, ',');
            if (count != header.Length)
            {
                throw new TraceFormatException(path, lineNumber, null, $"malformed row: {CountFields(text)} fields, but the header has {header.Length}.");
            }

            columns.Add(
                Seconds(path, lineNumber, text[fields[timestampIndex]]),
                Tokens(path, lineNumber, BurstGptReader.RequestColumn, text[fields[requestIndex]]),
                Tokens(path, lineNumber, BurstGptReader.ResponseColumn, text[fields[responseIndex]]),
                predictedIndex >= 0 ? Tokens(path, lineNumber, BurstGptReader.PredictedColumn, text[fields[predictedIndex]]) : 0,
                modelIndex >= 0 ? Intern(pool, text[fields[modelIndex]].Trim()) : null,
                logTypeIndex >= 0 ? Intern(pool, text[fields[logTypeIndex]].Trim()) : null
            );
        }

        if (columns.Count == 0)
        {
            throw new TraceFormatException(path, null, null, "the file has a header but no data rows.");
        }

        return columns.ToTrace(path);
    }

    private static int CountFields(ReadOnlySpan<char> line) => line.Count(',') + 1;

    private static double Seconds(string path, long line, ReadOnlySpan<char> field)
    {
        field = field.Trim();
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0
            ? value
            : TraceFields.ParseSeconds(path, line, BurstGptReader.TimestampColumn, field.ToString()); // throws the precise message
    }

    private static int Tokens(string path, long line, string column, ReadOnlySpan<char> field)
    {
        field = field.Trim();
        return int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : TraceFields.ParseTokens(path, line, column, field.ToString()); // "123.0", or the precise error
    }

    private static string Intern(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> pool, ReadOnlySpan<char> value)
    {
        if (!pool.TryGetValue(value, out var pooled))
        {
            pooled = value.ToString();
            pool[value] = pooled;
        }

        return pooled;
    }

    /// <summary>Growable parallel columns, trimmed to size at the end.</summary>
    private sealed class Columns(int capacity, bool predicted, bool models, bool logTypes)
    {
        private double[] _timestamps = new double[capacity];
        private int[] _request = new int[capacity];
        private int[] _response = new int[capacity];
        private int[]? _predicted = predicted ? new int[capacity] : null;
        private string[]? _models = models ? new string[capacity] : null;
        private string[]? _logTypes = logTypes ? new string[capacity] : null;

        public int Count { get; private set; }

        public void Add(double timestamp, int request, int response, int prediction, string? model, string? logType)
        {
            if (Count == _timestamps.Length)
            {
                Resize(Math.Min(Array.MaxLength, Count * 2));
            }

            _timestamps[Count] = timestamp;
            _request[Count] = request;
            _response[Count] = response;
            if (_predicted is not null)
            {
                _predicted[Count] = prediction;
            }

            if (_models is not null)
            {
                _models[Count] = model!;
            }

            if (_logTypes is not null)
            {
                _logTypes[Count] = logType!;
            }

            Count++;
        }

        public Trace ToTrace(string path)
        {
            if (Count != _timestamps.Length)
            {
                Resize(Count);
            }

            return new Trace(path, _timestamps, _request, _response, _predicted, models: _models, logTypes: _logTypes, format: "burstgpt");
        }

        private void Resize(int size)
        {
            Array.Resize(ref _timestamps, size);
            Array.Resize(ref _request, size);
            Array.Resize(ref _response, size);
            if (_predicted is not null)
            {
                Array.Resize(ref _predicted, size);
            }

            if (_models is not null)
            {
                Array.Resize(ref _models, size);
            }

            if (_logTypes is not null)
            {
                Array.Resize(ref _logTypes, size);
            }
        }
    }
}
