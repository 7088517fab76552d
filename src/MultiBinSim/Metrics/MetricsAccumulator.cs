using System.Runtime.CompilerServices;
using MathNet.Numerics.Statistics;

namespace MultiBinSim.Metrics;

/// <summary>
/// Collects a run's request-level numbers as requests complete (sums, counts, and for the percentiles either one latency
/// per completed request or, in streaming mode, a <see cref="LatencyHistogram"/> of bounded size), so a run needs no
/// per-request timeline to produce its metrics row. Sums are added in completion order in both modes, so every field
/// but the p50/p95/p99 latencies is the same in both.
/// </summary>
internal sealed class MetricsAccumulator
{
    private readonly double[]? _latencies;
    private readonly LatencyHistogram? _histogram;
    private readonly double _dSla;
    private double _latencySum;
    private double _queueingSum;
    private double _serviceSum;
    private double _lastCompletion = double.NegativeInfinity;

    public MetricsAccumulator(int requests, double dSla, bool streaming = false)
    {
        if (streaming)
        {
            _histogram = new LatencyHistogram();
        }
        else
        {
            _latencies = new double[requests];
        }

        _dSla = dSla;
    }

    /// <summary>Whether the percentiles come from a histogram (streaming mode) rather than every latency.</summary>
    public bool IsStreaming => _histogram is not null;

    public int Completed { get; private set; }

    public int Rejected { get; private set; }

    public int Violations { get; private set; }

    public long Tokens { get; private set; }

    public void Reject() => Rejected++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Complete(double arrival, double start, double completion, int tokens)
    {
        double latency = completion - arrival;
        if (_latencies is not null)
        {
            _latencies[Completed] = latency;
        }
        else
        {
            _histogram!.Add(latency);
        }

        Completed++;
        _latencySum += latency;
        _queueingSum += start - arrival;
        _serviceSum += completion - start;
        Tokens += tokens;
        if (completion > _lastCompletion)
        {
            _lastCompletion = completion;
        }

        if (completion > arrival + _dSla)
        {
            Violations++;
        }
    }

    /// <summary>The run's metrics row.</summary>
    /// <param name="requests">Requests in the workload.</param>
    /// <param name="firstArrival">First arrival time (s).</param>
    /// <param name="lastArrival">Last arrival time (s).</param>
    /// <param name="requestsPerBin">Requests enqueued per bin (one entry without bins).</param>
    /// <param name="batchesPerBin">Batches formed per bin (one entry without bins).</param>
    /// <param name="busyTime">Busy seconds per GPU.</param>
    /// <param name="batches">The batch monitor.</param>
    /// <param name="executionSeconds">Wall-clock seconds of the simulation.</param>
    public RunMetrics ToMetrics(
        int requests,
        double firstArrival,
        double lastArrival,
        ReadOnlySpan<long> requestsPerBin,
        ReadOnlySpan<long> batchesPerBin,
        ReadOnlySpan<double> busyTime,
        BatchTally batches,
        double executionSeconds
    )
    {
        ArgumentNullException.ThrowIfNull(batches);
        var utilization = new double[busyTime.Length];
        for (int g = 0; g < busyTime.Length; g++)
        {
            utilization[g] = batches.LastGpuFreeTime > 0 ? busyTime[g] / batches.LastGpuFreeTime : 0.0;
        }

        return ToMetrics(
            requests,
            firstArrival,
            lastArrival,
            utilization,
            batches.Count,
            batches.TotalSize,
            batches.MinSize,
            batches.MaxSize,
            requestsPerBin.ToArray(),
            batchesPerBin.ToArray(),
            executionSeconds
        );
    }

    /// <summary>The metrics row from this run's request tallies plus the engine's own figures (per-GPU utilization, batch or iteration sizes, bins).</summary>
    public RunMetrics ToMetrics(
        int requests,
        double firstArrival,
        double lastArrival,
        double[] utilization,
        long batchCount,
        long totalBatchSize,
        int minBatchSize,
        int maxBatchSize,
        IReadOnlyList<long> binRequestCounts,
        IReadOnlyList<long> binBatchCounts,
        double executionSeconds
    )
    {
        int completed = Completed;
        double totalTime = completed > 0 ? _lastCompletion - firstArrival : 0.0;
        double PerSecond(double count) => totalTime > 0 ? count / totalTime : 0.0;
        double Mean(double sum) => completed > 0 ? sum / completed : 0.0;
        // Quantiles select in place; the sample is this run's own buffer, so no copy is needed.
        var buffer =
            _latencies is null ? null
            : completed == _latencies.Length ? _latencies
            : _latencies.AsSpan(0, completed).ToArray();
        double Quantile(double tau) =>
            completed == 0 ? 0.0
            : buffer is not null ? ArrayStatistics.QuantileCustomInplace(buffer, tau, QuantileDefinition.R7)
            : _histogram!.Quantile(tau);

        return new RunMetrics
        {
            NumRequests = requests,
            OfferedLoadRequestsPerSec = lastArrival > firstArrival ? requests / (lastArrival - firstArrival) : 0.0,
            NumCompleted = completed,
            NumRejected = Rejected,
            TotalTime = totalTime,
            ThroughputRequestsPerSec = PerSecond(completed),
            ThroughputTokensPerSec = PerSecond(Tokens),
            AvgLatency = Mean(_latencySum),
            P50Latency = Quantile(0.50),
            P95Latency = Quantile(0.95),
            P99Latency = Quantile(0.99),
            MaxLatency = completed > 0 ? Quantile(1.0) : 0.0,
            NumSlaViolations = Violations,
            SlaViolationRate = completed > 0 ? (double)Violations / completed : 0.0,
            CapacityQpsUnderSla = PerSecond(completed - Violations),
            AvgQueueingDelay = Mean(_queueingSum),
            AvgServiceTime = Mean(_serviceSum),
            AvgGpuUtilization = utilization.Average(),
            MinGpuUtilization = utilization.Min(),
            MaxGpuUtilization = utilization.Max(),
            NumBatches = batchCount,
            AvgBatchSize = batchCount > 0 ? (double)totalBatchSize / batchCount : 0.0,
            MinBatchSize = batchCount > 0 ? minBatchSize : 0,
            MaxBatchSize = maxBatchSize,
            TotalTokens = Tokens,
            ExecutionTimeSeconds = executionSeconds,
            BinRequestCounts = binRequestCounts,
            BinBatchCounts = binBatchCounts,
            LatencyPercentileError = _histogram is null ? null : LatencyHistogram.RelativeError,
        };
    }
}
