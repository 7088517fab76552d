using System.Text;
using System.Text.Json;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads Mooncake JSONL traces: one object per line, <c>{"timestamp": ms, "input_length": n, "output_length": n, "hash_ids": [...]}</c>.
/// Timestamps are milliseconds (many requests share one); arrival = seconds since the first row. An optional
/// <c>predicted_length</c> field supplies predictions. Other fields (hash_ids) are skipped.
/// </summary>
public static class MooncakeTraceReader
{
    public const string TimestampField = "timestamp";
    public const string InputField = "input_length";
    public const string OutputField = "output_length";
    public const string PredictedField = "predicted_length";

    public static Trace Read(string path, int? maxRows = null)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        var millis = new List<double>();
        var input = new List<int>();
        var output = new List<int>();
        var predicted = new List<int>();
        bool anyPredicted = false, allPredicted = true;
        int limit = maxRows ?? int.MaxValue;
        long line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (millis.Count >= limit)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            double? timestamp = null;
            int? inputLength = null, outputLength = null, predictedLength = null;
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
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
                        case TimestampField: timestamp = Number(path, line, name, ref reader); break;
                        case InputField: inputLength = Tokens(path, line, name, ref reader); break;
                        case OutputField: outputLength = Tokens(path, line, name, ref reader); break;
                        case PredictedField: predictedLength = Tokens(path, line, name, ref reader); break;
                        default: reader.Skip(); break;
                    }
                }
            }
            catch (JsonException e)
            {
                throw new TraceFormatException(path, line, null, $"malformed JSON ({e.Message.Split('.')[0]}).");
            }

            millis.Add(timestamp ?? throw Missing(path, line, TimestampField));
            input.Add(inputLength ?? throw Missing(path, line, InputField));
            output.Add(outputLength ?? throw Missing(path, line, OutputField));
            predicted.Add(predictedLength ?? 0);
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
        return new Trace(path, seconds, input.ToArray(), output.ToArray(), anyPredicted ? predicted.ToArray() : null, format: "mooncake");
    }

    private static TraceFormatException Missing(string path, long line, string field) =>
        new(path, line, field, "required field is missing.");

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
            throw new TraceFormatException(path, line, field, $"'{Encoding.UTF8.GetString(reader.ValueSpan)}' is not a token count that fits 32 bits.");
        }

        return value >= 0 ? value : throw new TraceFormatException(path, line, field, $"{value} is negative (token counts are >= 0).");
    }
}
