namespace MultiBinSim.Metrics;

/// <summary>
/// One row of results. Property names in snake_case (see <see cref="MetricColumns"/>) are the column names of result
/// files and the keys of <c>--json</c> output, matching the original simulator's CSV where it had the column.
/// Times are seconds. Latency percentiles use linear interpolation (NumPy's default).
/// </summary>
public sealed record RunMetrics
{
    public int NumRequests { get; init; }

    /// <summary>Requests per second the workload offered: N over the span from first to last arrival.</summary>
    public double OfferedLoadRequestsPerSec { get; init; }
    public int NumCompleted { get; init; }
    public int NumRejected { get; init; }

    /// <summary>Last completion minus first arrival.</summary>
    public double TotalTime { get; init; }
    public double ThroughputRequestsPerSec { get; init; }
    public double ThroughputTokensPerSec { get; init; }
    public double AvgLatency { get; init; }
    public double P50Latency { get; init; }
    public double P95Latency { get; init; }
    public double P99Latency { get; init; }
    public double MaxLatency { get; init; }
    public int NumSlaViolations { get; init; }

    /// <summary>Completed requests finishing after their deadline, over completed requests.</summary>
    public double SlaViolationRate { get; init; }

    /// <summary>Completed requests that met their deadline, per second of total time.</summary>
    public double CapacityQpsUnderSla { get; init; }
    public double AvgQueueingDelay { get; init; }
    public double AvgServiceTime { get; init; }

    /// <summary>Busy time over the time of the last GPU-free event, averaged over GPUs.</summary>
    public double AvgGpuUtilization { get; init; }
    public double MinGpuUtilization { get; init; }
    public double MaxGpuUtilization { get; init; }
    public long NumBatches { get; init; }
    public double AvgBatchSize { get; init; }
    public int MinBatchSize { get; init; }
    public int MaxBatchSize { get; init; }

    /// <summary>Prompt plus output tokens of the completed requests.</summary>
    public long TotalTokens { get; init; }
    public double ExecutionTimeSeconds { get; init; }

    /// <summary>Requests per bin (binned schedulers; a single entry otherwise).</summary>
    public IReadOnlyList<long> BinRequestCounts { get; init; } = [];

    /// <summary>Batches per bin (binned schedulers; a single entry otherwise).</summary>
    public IReadOnlyList<long> BinBatchCounts { get; init; } = [];
}
