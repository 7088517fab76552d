using System.Text;
using System.Text.Json;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads Mooncake JSONL traces: one object per line, <c>{"timestamp": ms, "input_length": n, "output_length": n, "hash_ids": [...]}</c>.
/// Timestamps are milliseconds (many requests share one); arrival = seconds since the first row. An optional
/// <c>predicted_length</c> field supplies predictions; <c>hash_ids</c> become the trace's prefix identity
/// (<see cref="Trace.Prefixes"/>, for prefix caching). Other fields are skipped.
/// </summary>
public static class MooncakeTraceReader
{
    /// <summary>The Mooncake format: JSONL, recognised by a .jsonl/.json extension or a first line starting with '{'.</summary>
    public static TraceFormat Format { get; } =
        new(
            "mooncake",
            "Mooncake JSONL: {\"timestamp\": ms, \"input_length\": n, \"output_length\": n}",
            (extension, first) => extension is ".jsonl" or ".json" || first?.StartsWith('{') == true,
            Read
        );

    public const string TimestampField = "timestamp";
    public const string InputField = "input_length";
    public const string OutputField = "output_length";
    public const string PredictedField = "predicted_length";

    /// <summary>Block hashes, one per <see cref="HashBlockTokens"/> prompt tokens (optional; prefix identity for prefix caching).</summary>
    public const string HashField = "hash_ids";

    /// <summary>Prompt tokens per <c>hash_ids</c> entry in Mooncake's traces.</summary>
    public const int HashBlockTokens = 512;

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
    /// in messages. Every malformed input raises <see cref="TraceFormatException"/> naming the line and field. Lines
    /// are bounded by <see cref="InputLimits.MaxLineChars"/> and JSON nesting by <see cref="InputLimits.MaxJsonDepth"/>.
    /// </summary>
    public static Trace Read(Stream stream, string path, int? maxRows = null)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var lines = new LineScanner(text, path, (p, l, problem) => new TraceFormatException(p, l, null, problem));
        var options = new JsonReaderOptions { MaxDepth = InputLimits.MaxJsonDepth };
        var utf8 = new byte[1 << 12];
        var millis = new List<double>();
        var input = new List<int>();
        var output = new List<int>();
        var predicted = new List<int>();
        var hashOffsets = new List<int> { 0 };
        var hashes = new List<long>();
        bool anyHashes = false;
        bool anyPredicted = false,
            allPredicted = true;
        int limit = maxRows ?? int.MaxValue;
        while (millis.Count < limit && lines.TryReadLine(out var chars))
        {
            long line = lines.LineNumber;
            if (chars.IsWhiteSpace())
            {
                continue;
            }

            int length = Encoding.UTF8.GetByteCount(chars);
            if (length > utf8.Length)
            {
                utf8 = new byte[Math.Max(length, utf8.Length * 2)];
            }

            Encoding.UTF8.GetBytes(chars, utf8);
            double? timestamp = null;
            int? inputLength = null,
                outputLength = null,
                predictedLength = null;
            try
            {
                var reader = new Utf8JsonReader(utf8.AsSpan(0, length), options);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new TraceFormatException(path, line, null, "not a JSON object (Mooncake traces have one object per line).");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    switch (name)
                    {
                        case TimestampField:
                            timestamp = Number(path, line, name, ref reader);
                            break;
                        case InputField:
                            inputLength = Tokens(path, line, name, ref reader);
                            break;
                        case OutputField:
                            outputLength = Tokens(path, line, name, ref reader);
                            break;
                        case PredictedField:
                            predictedLength = Tokens(path, line, name, ref reader);
                            break;
                        case HashField:
                            anyHashes |= Hashes(path, line, ref reader, hashes);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                if (reader.Read())
                {
                    throw new TraceFormatException(path, line, null, "text after the JSON object (Mooncake traces have one object per line).");
                }
            }
            catch (JsonException e)
            {
                string where = e.BytePositionInLine is { } column ? $" at byte {column + 1}" : "";
                throw new TraceFormatException(path, line, null, $"malformed JSON{where} ({TraceFields.Shorten(e.Message.Split('.')[0], max: 120)}).", e);
            }

            millis.Add(timestamp ?? throw Missing(path, line, TimestampField));
            input.Add(inputLength ?? throw Missing(path, line, InputField));
            output.Add(outputLength ?? throw Missing(path, line, OutputField));
            predicted.Add(predictedLength ?? 0);
            hashOffsets.Add(hashes.Count);
            anyPredicted |= predictedLength is not null;
            allPredicted &= predictedLength is not null;
        }

        if (millis.Count == 0)
        {
            throw new TraceFormatException(path, null, null, "the file has no requests.");
        }

        if (anyPredicted && !allPredicted)
        {
            throw new TraceFormatException(path, null, PredictedField, "some lines have a prediction and some do not; give it on every line or on none.");
        }

        double first = millis[0];
        var seconds = millis.Select(ms => (ms - first) / 1000.0).ToArray();
        return new Trace(path, seconds, input.ToArray(), output.ToArray(), anyPredicted ? predicted.ToArray() : null, format: "mooncake")
        {
            Prefixes = anyHashes
                ? PrefixIdentity.HashChains(
                    hashOffsets.ToArray(),
                    hashes.ToArray(),
                    HashBlockTokens,
                    $"{HashField} of {Path.GetFileName(path)} ({HashBlockTokens}-token blocks)"
                )
                : null,
        };
    }

    /// <summary>Reads a <c>hash_ids</c> array of integers into <paramref name="hashes"/>; true when it had any.</summary>
    private static bool Hashes(string path, long line, ref Utf8JsonReader reader, List<long> hashes)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new TraceFormatException(path, line, HashField, "expected an array of integers.");
        }

        int before = hashes.Count;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long hash))
            {
                reader.Skip(); // a nested value deeper than the limit is malformed JSON first
                throw new TraceFormatException(path, line, HashField, "expected an array of integers.");
            }

            hashes.Add(hash);
        }

        return hashes.Count > before;
    }

    private static TraceFormatException Missing(string path, long line, string field) => new(path, line, field, "required field is missing.");

    private static double Number(string path, long line, string field, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double value) || !double.IsFinite(value) || value < 0)
        {
            throw new TraceFormatException(path, line, field, "expected a non-negative number (milliseconds).");
        }

        return value;
    }

    private static int Tokens(string path, long line, string field, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new TraceFormatException(path, line, field, "expected a token count (a JSON number).");
        }

        if (!reader.TryGetInt32(out int value))
        {
            throw new TraceFormatException(
                path,
                line,
                field,
                $"'{TraceFields.Shorten(Encoding.UTF8.GetString(reader.ValueSpan))}' is not a token count that fits 32 bits."
            );
        }

        return value >= 0 ? value : throw new TraceFormatException(path, line, field, $"{value} is negative (token counts are >= 0).");
    }
}
