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

    /// <summary>
    /// The metrics mode, as the bound on the relative error of <see cref="P50Latency"/>, <see cref="P95Latency"/> and
    /// <see cref="P99Latency"/>: null when they are exact (exact metrics: every run up to 10M requests by default),
    /// <see cref="LatencyHistogram.RelativeError"/> when a streaming histogram computed them (every other field stays exact).
    /// </summary>
    public double? LatencyPercentileError { get; init; }

    // Continuous-batching engine only (the batch engine leaves them null). See README, "Continuous-batching engine".

    /// <summary>Mean time to first token, seconds: first-token time minus arrival, over completed requests with at least one output token.</summary>
    public double? AvgTtft { get; init; }

    /// <summary>Median time to first token, seconds (linear-interpolation percentile over the same requests as <see cref="AvgTtft"/>).</summary>
    public double? P50Ttft { get; init; }

    /// <summary>90th-percentile time to first token, seconds (linear interpolation).</summary>
    public double? P90Ttft { get; init; }

    /// <summary>99th-percentile time to first token, seconds (linear interpolation).</summary>
    public double? P99Ttft { get; init; }

    /// <summary>
    /// Mean time between tokens, seconds: the mean of every gap between two consecutive output tokens of a request, over all gaps of completed requests
    /// (exact).
    /// </summary>
    public double? AvgTbt { get; init; }

    /// <summary>
    /// Median time between tokens, seconds, over all token gaps: the nearest-rank order statistic from a log-bucketed histogram, within 0.1 % relative.
    /// </summary>
    public double? P50Tbt { get; init; }

    /// <summary>99th-percentile time between tokens, seconds, over all token gaps (nearest rank, log-bucketed histogram, within 0.1 % relative).</summary>
    public double? P99Tbt { get; init; }

    /// <summary>
    /// Mean time per output token, seconds: (completion - first token) / (output tokens - 1) averaged over completed requests with at least 2 output tokens.
    /// </summary>
    public double? AvgTpot { get; init; }

    /// <summary>Number of preemptions (a running sequence's KV blocks freed, its work recomputed later), count.</summary>
    public long? NumPreemptions { get; init; }

    /// <summary>Number of iterations run over all replicas, count (also <see cref="NumBatches"/>).</summary>
    public long? NumIterations { get; init; }

    /// <summary>Mean number of sequences (prefilling or decoding) per iteration, sequences.</summary>
    public double? AvgRunningSequences { get; init; }

    /// <summary>Mean over iterations of the fraction of the replica's KV blocks in use during the iteration (0 to 1).</summary>
    public double? AvgKvUtilization { get; init; }

    /// <summary>Largest fraction of a replica's KV blocks in use during any iteration (0 to 1).</summary>
    public double? MaxKvUtilization { get; init; }

    /// <summary>
    /// Fraction of all requests (rejected ones fail) with TTFT &lt;= SLO TTFT and TPOT &lt;= SLO TPOT (0 to 1; a 0-output request's TTFT is its completion
    /// minus arrival; TPOT holds vacuously below 2 output tokens).
    /// </summary>
    public double? SloAttainment { get; init; }

    /// <summary>Requests meeting both SLOs per second of total time (requests/s).</summary>
    public double? GoodputRequestsPerSec { get; init; }

    /// <summary>
    /// Token-level SLA: fraction of completed requests whose TPOT exceeds the TPOT SLO (denominator: completed requests; below 2 output tokens TPOT holds
    /// vacuously). Continuous engine only.
    /// </summary>
    public double? TokenSlaViolationRate { get; init; }

    /// <summary>Continuous engine: prompt and recomputed tokens processed by prefill iterations (prefix-cache hits excluded).</summary>
    public long? PrefillTokensComputed { get; init; }

    /// <summary>Continuous engine with prefix caching: prompt tokens served from the cache at first admission over prompt tokens admitted.</summary>
    public double? PrefixCacheHitRate { get; init; }

    /// <summary>Continuous engine: requests meeting both SLOs per second of total time per GPU (DistServe's figure of merit; requests/s/GPU).</summary>
    public double? GoodputPerGpu { get; init; }

    /// <summary>Disaggregated runs: mean time from a prefill's end to the request's arrival at the decode pool (link queueing included), seconds.</summary>
    public double? AvgKvTransferTime { get; init; }

    /// <summary>Disaggregated runs: 99th percentile of the KV transfer time, seconds.</summary>
    public double? P99KvTransferTime { get; init; }

    /// <summary>Disaggregated runs: mean busy fraction of the prefill replicas (0 to 1).</summary>
    public double? PrefillUtilization { get; init; }

    /// <summary>Disaggregated runs: mean busy fraction of the decode replicas (0 to 1).</summary>
    public double? DecodeUtilization { get; init; }
}
