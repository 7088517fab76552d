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

/// <summary>Resolution of <see cref="MetricsMode"/> (its names are <see cref="Errors.EnumNames"/>': auto, exact, streaming).</summary>
public static class MetricsModes
{
    /// <summary>Runs of more requests than this compute streaming metrics under <see cref="MetricsMode.Auto"/>.</summary>
    public const int StreamingThreshold = 10_000_000;

    /// <summary>Whether a run of <paramref name="requests"/> requests in <paramref name="mode"/> (null = auto) computes streaming metrics.</summary>
    public static bool IsStreaming(MetricsMode? mode, long requests) =>
        mode switch
        {
            MetricsMode.Exact => false,
            MetricsMode.Streaming => true,
            _ => requests > StreamingThreshold,
        };
}
