namespace MultiBinSim.Workloads;

/// <summary>The trace file formats the kit reads.</summary>
public enum TraceFormat
{
    /// <summary>Decide from the extension (.jsonl = Mooncake) or the CSV header.</summary>
    Auto,
    BurstGpt,
    Azure,
    Mooncake,
}

/// <summary>Reads any supported trace, choosing the reader by <see cref="TraceFormat"/>.</summary>
public static class TraceReaders
{
    public static IReadOnlyList<string> Names { get; } = ["auto", "burstgpt", "azure", "mooncake"];

    public static TraceFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "auto" => TraceFormat.Auto,
        "burstgpt" => TraceFormat.BurstGpt,
        "azure" => TraceFormat.Azure,
        "mooncake" => TraceFormat.Mooncake,
        _ => throw new Errors.ConfigurationException(nameof(WorkloadOptions.Format), $"unknown format '{name}'; known: {string.Join(", ", Names)}"),
    };

    public static Trace Read(string path, TraceFormat format = TraceFormat.Auto, int? maxRows = null) =>
        (format == TraceFormat.Auto ? Detect(path) : format) switch
        {
            TraceFormat.Azure => AzureTraceReader.Read(path, maxRows),
            TraceFormat.Mooncake => MooncakeTraceReader.Read(path, maxRows),
            _ => BurstGptReader.Read(path, maxRows),
        };

    /// <summary>
    /// Reads a trace from a seekable <paramref name="stream"/> (left open); <paramref name="path"/> names it in messages
    /// and, for <see cref="TraceFormat.Auto"/>, its extension counts as in <see cref="Detect(string)"/>.
    /// </summary>
    public static Trace Read(Stream stream, string path, TraceFormat format = TraceFormat.Auto, int? maxRows = null)
    {
        if (format == TraceFormat.Auto)
        {
            long start = stream.Position;
            format = Detect(stream, path);
            stream.Position = start;
        }

        return format switch
        {
            TraceFormat.Azure => AzureTraceReader.Read(stream, path, maxRows),
            TraceFormat.Mooncake => MooncakeTraceReader.Read(stream, path, maxRows),
            _ => BurstGptReader.Read(stream, path, maxRows),
        };
    }

    /// <summary>Mooncake for .jsonl/.json or a first line starting with '{'; Azure for a TIMESTAMP,ContextTokens header; else BurstGPT.</summary>
    public static TraceFormat Detect(string path)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        using var stream = File.OpenRead(path);
        return Detect(stream, path);
    }

    /// <summary>
    /// <see cref="Detect(string)"/> on the first line of <paramref name="stream"/> (read, not rewound; a first line
    /// longer than <see cref="InputLimits.MaxLineChars"/> raises <see cref="TraceFormatException"/>).
    /// </summary>
    public static TraceFormat Detect(Stream stream, string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".json")
        {
            return TraceFormat.Mooncake;
        }

        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 12, leaveOpen: true);
        var lines = new LineScanner(reader, path, (p, l, problem) => new TraceFormatException(p, l, null, problem));
        string first = lines.TryReadLine(out var line) ? line.TrimStart('\uFEFF').Trim().ToString() : "";
        if (first.StartsWith('{'))
        {
            return TraceFormat.Mooncake;
        }

        foreach (var column in first.Split(','))
        {
            if (column.Trim() == AzureTraceReader.ContextColumn)
            {
                return TraceFormat.Azure;
            }
        }

        return TraceFormat.BurstGpt;
    }
}
