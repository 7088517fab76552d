namespace MultiBinSim.Metrics;

/// <summary>
/// Every metric of a run, one object each, in result-column order. Adding a metric is one property on
/// <see cref="RunMetrics"/> (computed by the engine's collector) plus one entry here; a test checks that every
/// property of <see cref="RunMetrics"/> has exactly one entry under its snake_case name.
/// </summary>
public static class MetricCatalogue
{
    /// <summary>num_requests.</summary>
    public static readonly Metric<int> NumRequests = new("num_requests", "requests", null, "Requests in the workload (rejected ones included).", m =>
        m.NumRequests
    );

    /// <summary>offered_load_requests_per_sec.</summary>
    public static readonly Metric<double> OfferedLoadRequestsPerSec = new(
        "offered_load_requests_per_sec",
        "offered load",
        "req/s",
        "N over the span from first to last arrival.",
        m => m.OfferedLoadRequestsPerSec
    );

    /// <summary>num_completed.</summary>
    public static readonly Metric<int> NumCompleted = new("num_completed", "completed requests", null, "Requests that completed.", m => m.NumCompleted);

    /// <summary>num_rejected.</summary>
    public static readonly Metric<int> NumRejected = new(
        "num_rejected",
        "rejected requests",
        null,
        "Requests rejected on arrival because they could never fit memory.",
        m => m.NumRejected
    );

    /// <summary>total_time.</summary>
    public static readonly Metric<double> TotalTime = new("total_time", "makespan", "s", "Last completion minus first arrival.", m => m.TotalTime);

    /// <summary>throughput_requests_per_sec.</summary>
    public static readonly Metric<double> ThroughputRequestsPerSec = new(
        "throughput_requests_per_sec",
        "throughput",
        "req/s",
        "Completed requests over total_time.",
        m => m.ThroughputRequestsPerSec
    );

    /// <summary>throughput_tokens_per_sec.</summary>
    public static readonly Metric<double> ThroughputTokensPerSec = new(
        "throughput_tokens_per_sec",
        "token throughput",
        "tokens/s",
        "Prompt plus output tokens of completed requests over total_time.",
        m => m.ThroughputTokensPerSec
    );

    /// <summary>avg_latency.</summary>
    public static readonly Metric<double> AvgLatency = new(
        "avg_latency",
        "average latency",
        "s",
        "Mean end-to-end latency (completion - arrival) of completed requests.",
        m => m.AvgLatency
    );

    /// <summary>p50_latency.</summary>
    public static readonly Metric<double> P50Latency = new("p50_latency", "p50 latency", "s", "Median end-to-end latency (linear interpolation).", m =>
        m.P50Latency
    );

    /// <summary>p95_latency.</summary>
    public static readonly Metric<double> P95Latency = new(
        "p95_latency",
        "p95 latency",
        "s",
        "95th percentile of end-to-end latency (linear interpolation).",
        m => m.P95Latency
    );

    /// <summary>p99_latency.</summary>
    public static readonly Metric<double> P99Latency = new(
        "p99_latency",
        "p99 latency",
        "s",
        "99th percentile of end-to-end latency (linear interpolation).",
        m => m.P99Latency
    );

    /// <summary>max_latency.</summary>
    public static readonly Metric<double> MaxLatency = new("max_latency", "maximum latency", "s", "Largest end-to-end latency.", m => m.MaxLatency);

    /// <summary>num_sla_violations.</summary>
    public static readonly Metric<int> NumSlaViolations = new(
        "num_sla_violations",
        "SLA violations",
        null,
        "Completed requests finishing after arrival + D_SLA.",
        m => m.NumSlaViolations
    );

    /// <summary>sla_violation_rate.</summary>
    public static readonly Metric<double> SlaViolationRate = new(
        "sla_violation_rate",
        "SLA violation rate",
        "fraction",
        "SLA violations over completed requests (request-level SLA: E2E latency > D_SLA).",
        m => m.SlaViolationRate
    );

    /// <summary>capacity_qps_under_sla.</summary>
    public static readonly Metric<double> CapacityQpsUnderSla = new(
        "capacity_qps_under_sla",
        "capacity under SLA",
        "req/s",
        "Completed requests that met their deadline, per second of total_time.",
        m => m.CapacityQpsUnderSla
    );

    /// <summary>avg_queueing_delay.</summary>
    public static readonly Metric<double> AvgQueueingDelay = new(
        "avg_queueing_delay",
        "average queueing delay",
        "s",
        "Mean time from arrival to the start of service.",
        m => m.AvgQueueingDelay
    );

    /// <summary>avg_service_time.</summary>
    public static readonly Metric<double> AvgServiceTime = new(
        "avg_service_time",
        "average service time",
        "s",
        "Mean time from the start of service to completion.",
        m => m.AvgServiceTime
    );

    /// <summary>avg_gpu_utilization.</summary>
    public static readonly Metric<double> AvgGpuUtilization = new(
        "avg_gpu_utilization",
        "average GPU utilization",
        "fraction",
        "Busy time over the time of the last GPU-free event, averaged over GPUs.",
        m => m.AvgGpuUtilization
    );

    /// <summary>min_gpu_utilization.</summary>
    public static readonly Metric<double> MinGpuUtilization = new(
        "min_gpu_utilization",
        "minimum GPU utilization",
        "fraction",
        "Utilization of the least busy GPU.",
        m => m.MinGpuUtilization
    );

    /// <summary>max_gpu_utilization.</summary>
    public static readonly Metric<double> MaxGpuUtilization = new(
        "max_gpu_utilization",
        "maximum GPU utilization",
        "fraction",
        "Utilization of the busiest GPU.",
        m => m.MaxGpuUtilization
    );

    /// <summary>num_batches.</summary>
    public static readonly Metric<long> NumBatches = new("num_batches", "batches", null, "Batches run (iterations on the continuous engine).", m =>
        m.NumBatches
    );

    /// <summary>avg_batch_size.</summary>
    public static readonly Metric<double> AvgBatchSize = new(
        "avg_batch_size",
        "average batch size",
        "requests",
        "Mean requests per batch (sequences per iteration on the continuous engine).",
        m => m.AvgBatchSize
    );

    /// <summary>min_batch_size.</summary>
    public static readonly Metric<int> MinBatchSize = new("min_batch_size", "smallest batch", "requests", "Smallest batch.", m => m.MinBatchSize);

    /// <summary>max_batch_size.</summary>
    public static readonly Metric<int> MaxBatchSize = new("max_batch_size", "largest batch", "requests", "Largest batch.", m => m.MaxBatchSize);

    /// <summary>total_tokens.</summary>
    public static readonly Metric<long> TotalTokens = new("total_tokens", "tokens", "tokens", "Prompt plus output tokens of the completed requests.", m =>
        m.TotalTokens
    );

    /// <summary>execution_time_seconds.</summary>
    public static readonly Metric<double> ExecutionTimeSeconds = new(
        "execution_time_seconds",
        "simulation wall time",
        "s",
        "Wall-clock time this machine took to simulate the run (not a simulated quantity).",
        m => m.ExecutionTimeSeconds
    );

    /// <summary>bin_request_counts.</summary>
    public static readonly Metric<IReadOnlyList<long>> BinRequestCounts = new(
        "bin_request_counts",
        "requests per bin",
        "requests",
        "Requests enqueued per bin (binned schedulers; a single entry otherwise).",
        m => m.BinRequestCounts
    );

    /// <summary>bin_batch_counts.</summary>
    public static readonly Metric<IReadOnlyList<long>> BinBatchCounts = new(
        "bin_batch_counts",
        "batches per bin",
        "batches",
        "Batches formed per bin (binned schedulers; a single entry otherwise).",
        m => m.BinBatchCounts
    );

    /// <summary>latency_percentile_error.</summary>
    public static readonly Metric<double?> LatencyPercentileError = new(
        "latency_percentile_error",
        "latency percentile error bound",
        "fraction",
        "The metrics mode: null when p50/p95/p99 latency are exact (exact metrics, every run up to 10M requests by default); the histogram's relative error bound (2^-11) when streaming metrics computed them.",
        m => m.LatencyPercentileError
    )
    {
        OmittedWhenNull = true,
    };

    /// <summary>avg_ttft (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> AvgTtft = new(
        "avg_ttft",
        "average TTFT",
        "s",
        "Mean time to first token (first-token time - arrival) over completed requests with at least one output token.",
        m => m.AvgTtft
    );

    /// <summary>p50_ttft (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> P50Ttft = new("p50_ttft", "p50 TTFT", "s", "Median time to first token (linear interpolation).", m => m.P50Ttft);

    /// <summary>p90_ttft (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> P90Ttft = new("p90_ttft", "p90 TTFT", "s", "90th percentile of time to first token (linear interpolation).", m =>
        m.P90Ttft
    );

    /// <summary>p99_ttft (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> P99Ttft = new("p99_ttft", "p99 TTFT", "s", "99th percentile of time to first token (linear interpolation).", m =>
        m.P99Ttft
    );

    /// <summary>avg_tbt (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> AvgTbt = new(
        "avg_tbt",
        "average TBT",
        "s",
        "Mean gap between two consecutive output tokens of a request, over all gaps (exact).",
        m => m.AvgTbt
    );

    /// <summary>p50_tbt (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> P50Tbt = new(
        "p50_tbt",
        "p50 TBT",
        "s",
        "Median gap between consecutive tokens (log-bucketed histogram, within 0.1 % relative).",
        m => m.P50Tbt
    );

    /// <summary>p99_tbt (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> P99Tbt = new(
        "p99_tbt",
        "p99 TBT",
        "s",
        "99th percentile gap between consecutive tokens (log-bucketed histogram, within 0.1 % relative).",
        m => m.P99Tbt
    );

    /// <summary>avg_tpot (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> AvgTpot = new(
        "avg_tpot",
        "average TPOT",
        "s",
        "Mean of (completion - first token) / (output tokens - 1) over completed requests with at least 2 output tokens.",
        m => m.AvgTpot
    );

    /// <summary>num_preemptions (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<long?> NumPreemptions = new(
        "num_preemptions",
        "preemptions",
        null,
        "Running sequences preempted by recompute (KV blocks freed, prefill redone later).",
        m => m.NumPreemptions
    );

    /// <summary>num_iterations (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<long?> NumIterations = new("num_iterations", "iterations", null, "Iterations run over all replicas.", m => m.NumIterations);

    /// <summary>avg_running_sequences (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> AvgRunningSequences = new(
        "avg_running_sequences",
        "average running sequences",
        "sequences",
        "Mean sequences (prefilling or decoding) per iteration.",
        m => m.AvgRunningSequences
    );

    /// <summary>avg_kv_utilization (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> AvgKvUtilization = new(
        "avg_kv_utilization",
        "average KV-cache utilization",
        "fraction",
        "Mean over iterations of the fraction of the replica's KV blocks in use.",
        m => m.AvgKvUtilization
    );

    /// <summary>max_kv_utilization (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> MaxKvUtilization = new(
        "max_kv_utilization",
        "maximum KV-cache utilization",
        "fraction",
        "Largest fraction of a replica's KV blocks in use during any iteration.",
        m => m.MaxKvUtilization
    );

    /// <summary>slo_attainment (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> SloAttainment = new(
        "slo_attainment",
        "SLO attainment",
        "fraction",
        "Fraction of all requests (rejected ones fail) with TTFT <= SLO TTFT and TPOT <= SLO TPOT.",
        m => m.SloAttainment
    );

    /// <summary>goodput_requests_per_sec (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> GoodputRequestsPerSec = new(
        "goodput_requests_per_sec",
        "goodput",
        "req/s",
        "Requests meeting both SLOs per second of total time.",
        m => m.GoodputRequestsPerSec
    );

    /// <summary>prefill_tokens_computed (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<long?> PrefillTokensComputed = new(
        "prefill_tokens_computed",
        "prefill tokens computed",
        "tokens",
        "Prompt tokens processed by prefill iterations, recomputations included and prefix-cache hits excluded.",
        m => m.PrefillTokensComputed
    );

    /// <summary>prefix_cache_hit_rate (continuous engine with prefix caching; empty otherwise).</summary>
    public static readonly Metric<double?> PrefixCacheHitRate = new(
        "prefix_cache_hit_rate",
        "prefix-cache hit rate",
        "fraction",
        "Prompt tokens served from the prefix cache at each request's first admission, over the prompt tokens of admitted requests (null without prefix caching).",
        m => m.PrefixCacheHitRate
    );

    /// <summary>token_sla_violation_rate (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> TokenSlaViolationRate = new(
        "token_sla_violation_rate",
        "token SLA violation rate",
        "fraction",
        "Completed requests whose TPOT > SLO TPOT, over completed requests (token-level SLA; TPOT holds below 2 output tokens).",
        m => m.TokenSlaViolationRate
    );

    /// <summary>goodput_per_gpu (continuous engine; empty on the batch engine).</summary>
    public static readonly Metric<double?> GoodputPerGpu = new(
        "goodput_per_gpu",
        "goodput per GPU",
        "req/s/GPU",
        "Requests meeting both SLOs per second of total time, per GPU (colocated and disaggregated runs on one axis).",
        m => m.GoodputPerGpu
    );

    /// <summary>avg_kv_transfer_time (disaggregated runs; empty otherwise).</summary>
    public static readonly Metric<double?> AvgKvTransferTime = new(
        "avg_kv_transfer_time",
        "average KV transfer time",
        "s",
        "Mean time from a prefill's end to the request's arrival at the decode pool, waiting for the link included (disaggregated runs).",
        m => m.AvgKvTransferTime
    );

    /// <summary>p99_kv_transfer_time (disaggregated runs; empty otherwise).</summary>
    public static readonly Metric<double?> P99KvTransferTime = new(
        "p99_kv_transfer_time",
        "p99 KV transfer time",
        "s",
        "99th percentile of the KV transfer time (disaggregated runs).",
        m => m.P99KvTransferTime
    );

    /// <summary>prefill_utilization (disaggregated runs; empty otherwise).</summary>
    public static readonly Metric<double?> PrefillUtilization = new(
        "prefill_utilization",
        "prefill-pool utilization",
        "fraction",
        "Mean busy fraction of the prefill replicas (disaggregated runs).",
        m => m.PrefillUtilization
    );

    /// <summary>decode_utilization (disaggregated runs; empty otherwise).</summary>
    public static readonly Metric<double?> DecodeUtilization = new(
        "decode_utilization",
        "decode-pool utilization",
        "fraction",
        "Mean busy fraction of the decode replicas (disaggregated runs).",
        m => m.DecodeUtilization
    );

    /// <summary>Every metric, in result-column order.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        NumRequests,
        OfferedLoadRequestsPerSec,
        NumCompleted,
        NumRejected,
        TotalTime,
        ThroughputRequestsPerSec,
        ThroughputTokensPerSec,
        AvgLatency,
        P50Latency,
        P95Latency,
        P99Latency,
        MaxLatency,
        NumSlaViolations,
        SlaViolationRate,
        CapacityQpsUnderSla,
        AvgQueueingDelay,
        AvgServiceTime,
        AvgGpuUtilization,
        MinGpuUtilization,
        MaxGpuUtilization,
        NumBatches,
        AvgBatchSize,
        MinBatchSize,
        MaxBatchSize,
        TotalTokens,
        ExecutionTimeSeconds,
        BinRequestCounts,
        BinBatchCounts,
        AvgTtft,
        P50Ttft,
        P90Ttft,
        P99Ttft,
        AvgTbt,
        P50Tbt,
        P99Tbt,
        AvgTpot,
        NumPreemptions,
        NumIterations,
        AvgRunningSequences,
        AvgKvUtilization,
        MaxKvUtilization,
        SloAttainment,
        GoodputRequestsPerSec,
        TokenSlaViolationRate,
        PrefillTokensComputed,
        PrefixCacheHitRate,
        GoodputPerGpu,
        AvgKvTransferTime,
        P99KvTransferTime,
        PrefillUtilization,
        DecodeUtilization,
        LatencyPercentileError,
    ];

    /// <summary>The scalar metrics of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<Metric> Scalars { get; } = All.Where(m => !m.IsVector).ToArray();

    /// <summary>The vector (per-bin) metrics of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<Metric> Vectors { get; } = All.Where(m => m.IsVector).ToArray();

    /// <summary>Quantities computed from several runs (chart series), not read from one run.</summary>
    public static IReadOnlyList<DerivedMetric> Derived { get; } = [DerivedMetric.ScalingEfficiency, DerivedMetric.GainVersusOneBin];

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public static Metric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The metric named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No metric has that name.</exception>
    public static Metric Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"No metric named '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}.");
}
