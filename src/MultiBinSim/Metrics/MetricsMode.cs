namespace MultiBinSim.Metrics;

/// <summary>How a run computes its request-level metrics (<c>--metrics-mode</c>).</summary>
public enum MetricsMode
{
    /// <summary>Exact up to <see cref="MetricsModes.StreamingThreshold"/> requests, streaming above.</summary>
    Auto,

    /// <summary>One latency kept per completed request; percentiles exact (every run before streaming metrics).</summary>
    Exact,

    /// <summary>
    /// Bounded memory: counts, sums, means and maxima exact, latency percentiles from a <see cref="LatencyHistogram"/>
    /// (within <see cref="LatencyHistogram.RelativeError"/>).
    /// </summary>
    Streaming,
}

/// <summary>Names and resolution of <see cref="MetricsMode"/>.</summary>
public static class MetricsModes
{
    /// <summary>Runs of more requests than this compute streaming metrics under <see cref="MetricsMode.Auto"/>.</summary>
    public const int StreamingThreshold = 10_000_000;

    /// <summary>The command-line names, in <see cref="MetricsMode"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "exact", "streaming"];

    public static string ToName(this MetricsMode mode) => Names[(int)mode];

    /// <summary>The mode named <paramref name="name"/>; a <see cref="Errors.ConfigurationException"/> on <paramref name="property"/> otherwise.</summary>
    public static MetricsMode Parse(string name, string property)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (MetricsMode)i;
            }
        }

        throw new Errors.ConfigurationException(property, $"unknown metrics mode '{name}'; known: {string.Join(", ", Names)}");
    }

    /// <summary>Whether a run of <paramref name="requests"/> requests in <paramref name="mode"/> (null = auto) computes streaming metrics.</summary>
    public static bool IsStreaming(MetricsMode? mode, long requests) => mode switch
    {
        MetricsMode.Exact => false,
        MetricsMode.Streaming => true,
        _ => requests > StreamingThreshold,
    };
}
