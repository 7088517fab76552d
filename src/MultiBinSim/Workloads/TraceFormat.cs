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

    /// <summary>Mooncake for .jsonl/.json or a first line starting with '{'; Azure for a TIMESTAMP,ContextTokens header; else BurstGPT.</summary>
    public static TraceFormat Detect(string path)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".json")
        {
            return TraceFormat.Mooncake;
        }

        using var reader = new StreamReader(path);
        string first = reader.ReadLine()?.TrimStart('\uFEFF').Trim() ?? "";
        if (first.StartsWith('{'))
        {
            return TraceFormat.Mooncake;
        }

        return first.Split(',').Select(h => h.Trim()).Contains(AzureTraceReader.ContextColumn) ? TraceFormat.Azure : TraceFormat.BurstGpt;
    }
}
