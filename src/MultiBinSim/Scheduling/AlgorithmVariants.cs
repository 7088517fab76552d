namespace MultiBinSim.Scheduling;

/// <summary>How b_mem is computed.</summary>
public enum MemoryAlgorithm
{
    /// <summary>The original simulator's: floor((eta - 0.1 eta) / (avg prompt + avg output)) from batch-mean EMAs.</summary>
    Heuristic,

    /// <summary>Algorithm 1 of arXiv 2503.05248: the largest b with b mu + theta sqrt(b) sigma &lt;= eta (running mean and variance).</summary>
    Paper,
}

/// <summary>How b_SLA is computed.</summary>
public enum SlaAlgorithm
{
    /// <summary>The original simulator's variant of Algorithm 2 (dead band D +/- 2 eps, moves scaled by the average batch).</summary>
    Heuristic,

    /// <summary>Algorithm 2 of arXiv 2503.05248 as written: interval moves by alpha and delta around the last batch size.</summary>
    Paper,
}

/// <summary>What the SLA controller compares with D_SLA.</summary>
public enum SlaSignal
{
    /// <summary>The batch's service time (completion - start): the original simulator's signal.</summary>
    BatchServiceTime,

    /// <summary>The batch's mean request latency (completion - arrival: queueing plus service), which the SLA is about.</summary>
    RequestLatency,
}

public static class AlgorithmNames
{
    /// <summary>Parses a kebab-case name; <paramref name="property"/> names the option's property for the error.</summary>
    public static T Parse<T>(string property, string value) where T : struct, Enum =>
        Enum.GetValues<T>().FirstOrDefault(v => string.Equals(Name(v), value, StringComparison.OrdinalIgnoreCase)) is var parsed && string.Equals(Name(parsed), value, StringComparison.OrdinalIgnoreCase)
            ? parsed
            : throw new Errors.ConfigurationException(property, $"unknown value '{value}'; known: {string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)))}");

    /// <summary>kebab-case: BatchServiceTime -> batch-service-time.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
