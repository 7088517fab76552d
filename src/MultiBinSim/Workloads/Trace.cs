namespace MultiBinSim.Workloads;

/// <summary>
/// The raw rows of a request trace, in file order, as parallel arrays (struct-of-arrays).
/// A trace is what a reader or the synthetic generator produces; a <see cref="Workload"/> is built from it.
/// </summary>
public sealed class Trace
{
    public Trace(
        string source,
        double[] timestamps,
        int[] requestTokens,
        int[] responseTokens,
        int[]? predictedTokens = null,
        bool isSynthetic = false,
        string[]? models = null,
        string[]? logTypes = null,
        string format = "burstgpt"
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        if (
            requestTokens.Length != timestamps.Length
            || responseTokens.Length != timestamps.Length
            || (predictedTokens is not null && predictedTokens.Length != timestamps.Length)
            || (models is not null && models.Length != timestamps.Length)
            || (logTypes is not null && logTypes.Length != timestamps.Length)
        )
        {
            throw new ArgumentException("All trace columns must have the same length.");
        }

        Source = source;
        Timestamps = timestamps;
        RequestTokens = requestTokens;
        ResponseTokens = responseTokens;
        PredictedTokens = predictedTokens;
        IsSynthetic = isSynthetic;
        Models = models;
        LogTypes = logTypes;
        Format = format;
    }

    /// <summary>Which rows share prompt prefixes (Mooncake's <c>hash_ids</c>), in row order; null when the trace has no such identity.</summary>
    public PrefixIdentity? Prefixes { get; init; }

    /// <summary>The file format it was read from: burstgpt, azure or mooncake.</summary>
    public string Format { get; }

    /// <summary>BurstGPT's "Model" column (interned strings), or null when the trace has none.</summary>
    public string[]? Models { get; }

    /// <summary>BurstGPT's "Log Type" column (interned strings), or null when the trace has none.</summary>
    public string[]? LogTypes { get; }

    /// <summary>File path, or a label such as "synthetic-burstgpt(seed=…)" for generated traces.</summary>
    public string Source { get; }

    /// <summary>True for the generated default trace; shown as "synthetic" wherever the trace is named.</summary>
    public bool IsSynthetic { get; }

    public int Count => Timestamps.Length;

    /// <summary>
    /// Arrival timestamps in seconds as in the file (BurstGPT), or seconds since the first row (Azure, Mooncake);
    /// not yet rebased or scaled.
    /// </summary>
    public double[] Timestamps { get; }

    /// <summary>Prompt length in tokens (BurstGPT "Request tokens").</summary>
    public int[] RequestTokens { get; }

    /// <summary>Output length in tokens (BurstGPT "Response tokens"); 0 marks a failed request.</summary>
    public int[] ResponseTokens { get; }

    /// <summary>The optional "Predicted tokens" column, or null when the file has none.</summary>
    public int[]? PredictedTokens { get; }
}
