using MathNet.Numerics.Statistics;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// The fast event loop of the continuous engine. Events at one time t, in this order: (1) every replica whose
/// segment ends at t finishes it (tokens, completions, freed blocks); (2) the arrivals at t, in row order, are
/// rejected or routed (routing sees the state after (1)); (3) every replica at a boundary at t with work, in
/// ascending id, plans and starts its next segment. So a request arriving at or before an iteration's start can
/// join that iteration. A decode stretch is cut at the first boundary at or after an arrival that finds its
/// replica's waiting queue empty (only then can the arrival be admitted before the next completion).
/// </summary>
internal sealed partial class ContinuousRun
{
    private readonly Workload _workload;
    private readonly SimulationConfig _config;
    private readonly ContinuousOptions _options;
    private readonly SequenceTable _seq;
    private readonly IIterationPolicy[] _policies;
    private readonly IReplicaRouter _router;
    private readonly ReplicaState[] _replicas;
    private readonly ReplicaState[] _entry;
    private readonly Disaggregated? _pools;
    private readonly PriorityQueue<int, Boundary> _boundaries;
    private readonly int[] _toStart;
    private readonly bool[] _pending;
    private readonly List<KvSample>? _kvSeries;
    private int _toStartCount;

    public ContinuousRun(Workload workload, SimulationConfig config, bool recordTimeline)
        : this(workload, config, recordTimeline, null) { }

    /// <param name="workload">The requests.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="recordTimeline">Whether to keep per-request times.</param>
    /// <param name="wrapController">Tests: wraps each replica's dynamic-batching controller (replica id, controller) to observe it.</param>
    internal ContinuousRun(
        Workload workload,
        SimulationConfig config,
        bool recordTimeline,
        Func<int, IBatchSizeController, IBatchSizeController>? wrapController
    )
    {
        _workload = workload;
        _config = config;
        _options = config.Continuous;
        int n = workload.Count;
        KvBlocks = _options.ResolveKvBlocks(config.Scheduler.Memory);
        Timeline = recordTimeline ? new RequestTimeline(n) : null;
        Continuous = Timeline is not null ? new ContinuousTimeline(Timeline) { KvSeriesReplica = _options.KvSeriesReplica } : null;
        _seq = new SequenceTable(workload.ArrivalArray, workload.PromptArray, workload.OutputArray, n, Continuous?.FirstToken, Timeline?.Start);
        Stats = new ContinuousStats(_seq, _options, config.Scheduler.DSla, n, Continuous, Timeline);
        _router = _options.Routing.Create();
        _replicas = new ReplicaState[config.Gpus];
        _policies = new IIterationPolicy[config.Gpus];
        PrefixBlocks? prefixes = null;
        if (_options.PrefixCachingEnabled)
        {
            _seq.EnablePrefixCaching();
            prefixes = (workload.Prefixes ?? PrefixIdentity.Groups(new int[n], new int[n], "none")).Blocks(_options.BlockSize);
        }

        var admission = new AdmissionSetup(
            _options.UsesBins ? AdmissionBoundaries(workload, config) : null,
            workload.PredictedArray,
            config.Scheduler.BinPolicy
        );
        if (_options.Disaggregation is { } disaggregation)
        {
            _pools = new Disaggregated(this, disaggregation, config, prefixes, admission, wrapController);
            _entry = _replicas[..disaggregation.PrefillReplicas];
        }
        else
        {
            var policy = _options.Policy.Create(_options, _seq, KvBlocks);
            Array.Fill(_policies, policy);
            _entry = _replicas;
        }

        for (int i = 0; i < _replicas.Length && _pools is null; i++)
        {
            IAdmissionOrder waiting = _options.Admission.Create(admission);
            DynamicBatchController? controller = _options.Batching == BatchingMode.Dynamic ? new DynamicBatchController(_options, KvBlocks) : null;
            var kv = new KvBlockAllocator(KvBlocks, _options.BlockSize);
            _replicas[i] = new ReplicaState(i, _seq, Stats, _options, kv, _policies[i].ReservesOutput, waiting)
            {
                Cache = prefixes is null ? null : new PrefixCache(prefixes, _seq, kv),
                SingleIterations = _options.Routing.SingleIterations,
                VictimsByAdmission = _policies[i].PreemptsLatestAdmitted,
                Controller = controller is null ? null : wrapController?.Invoke(i, controller) ?? controller,
                MaxNumSeqs = controller?.Current ?? _options.MaxNumSeqs,
            };
        }

        _boundaries = new PriorityQueue<int, Boundary>(config.Gpus, BoundaryComparer.Instance);
        _toStart = new int[config.Gpus];
        _pending = new bool[config.Gpus];
        if (Continuous is not null && _options.KvSeriesReplica is int replica && replica < config.Gpus)
        {
            _kvSeries = [];
            Continuous.KvSeries = _kvSeries;
        }
    }

    public long KvBlocks { get; }

    public RequestTimeline? Timeline { get; }

    public ContinuousTimeline? Continuous { get; }

    public ContinuousStats Stats { get; }

    /// <summary>
    /// The bins of multi-bin admission: the configuration's <see cref="SimulationConfig.Boundaries"/> when set (the suite's
    /// cached ones), else equal-mass boundaries for <c>Scheduler.K</c> bins from the first min(<c>Scheduler.BoundarySampleSize</c>, N)
    /// predictions, as the batch engine's binned schedulers compute them.
    /// </summary>
    internal static Scheduling.BinBoundaries AdmissionBoundaries(Workload workload, SimulationConfig config) =>
        config.Boundaries
        ?? Scheduling.BinBoundaries.Compute(workload.PredictedTokens, config.Scheduler.K, Math.Min(config.Scheduler.BoundarySampleSize, workload.Count));

    public void Execute()
    {
        double[] arrivals = _seq.Arrival;
        int n = _workload.Count,
            next = 0;
        while (true)
        {
            double boundary = PeekBoundary();
            double arrival = next < n ? arrivals[next] : double.PositiveInfinity;
            double t = Math.Min(Math.Min(boundary, arrival), _pools?.Link.NextEnd ?? double.PositiveInfinity);
            if (t == double.PositiveInfinity)
            {
                break;
            }

            while (PeekBoundary() == t)
            {
                _boundaries.Dequeue();
                _replicas[FinishedReplica].FinishSegment();
                MarkToStart(FinishedReplica);
            }

            _pools?.EndTransfers(t);
            while (next < n && arrivals[next] <= t)
            {
                Arrive(next++, t);
            }

            StartReady(t);
        }

        foreach (var replica in _replicas)
        {
            if (replica.Outstanding > 0)
            {
                throw new InvalidOperationException($"Replica {replica.Id} ended with {replica.Outstanding} requests outstanding.");
            }
        }

        if (_pools is { Link.InFlight: > 0 })
        {
            throw new InvalidOperationException($"{_pools.Link.InFlight} KV transfers did not end.");
        }
    }

    private int FinishedReplica { get; set; }

    private double PeekBoundary()
    {
        while (_boundaries.TryPeek(out int replica, out var key))
        {
            if (key.Version == _replicas[replica].Version && _replicas[replica].Busy)
            {
                FinishedReplica = replica;
                return key.Time;
            }

            _boundaries.Dequeue();
        }

        return double.PositiveInfinity;
    }

    private void Arrive(int request, double now)
    {
        if (!(_pools?.CanEverFit(request) ?? _policies[0].CanEverFit(_seq.Prompt[request], _seq.Output[request])))
        {
            Stats.Reject(request);
            return;
        }

        Enqueue(_entry[_router.Pick(_entry, request, now)], request, now);
    }

    /// <summary>
    /// Puts <paramref name="request"/> in <paramref name="replica"/>'s waiting queue at <paramref name="now"/>: an idle replica starts now, a stretch is cut at
    /// its next boundary.
    /// </summary>
    private void Enqueue(ReplicaState replica, int request, double now)
    {
        bool wasEmpty = replica.Waiting.Count == 0;
        _seq.State[request] = SequenceState.Waiting;
        replica.Waiting.Enqueue(request);
        if (!replica.Busy)
        {
            MarkToStart(replica.Id);
        }
        else if (wasEmpty && _policies[replica.Id].AdmitsIntoRunningBatch && replica.InStretch && replica.CutAt(now))
        {
            _boundaries.Enqueue(replica.Id, new Boundary(replica.SegmentEnd, replica.Id, replica.Version));
        }
    }

    private void MarkToStart(int replica)
    {
        if (!_pending[replica])
        {
            _pending[replica] = true;
            _toStart[_toStartCount++] = replica;
        }
    }

    private void StartReady(double now)
    {
        Array.Sort(_toStart, 0, _toStartCount);
        for (int i = 0; i < _toStartCount; i++)
        {
            var replica = _replicas[_toStart[i]];
            _pending[replica.Id] = false;
            if (replica.Busy || replica.Outstanding == 0)
            {
                continue;
            }

            _policies[replica.Id].Plan(replica, now);
            if (!replica.HasPlannedWork)
            {
                if (replica.Running == 0 && replica.Transferring == 0)
                {
                    throw new InvalidOperationException($"Replica {replica.Id} has {replica.Waiting.Count} waiting requests but admits none while idle.");
                }

                continue;
            }

            double end = replica.StartSegment(now);
            if (_kvSeries is not null && replica.Id == _options.KvSeriesReplica)
            {
                _kvSeries.Add(new KvSample(now, replica.Kv.Used, replica.Kv.Total));
            }

            _boundaries.Enqueue(replica.Id, new Boundary(end, replica.Id, replica.Version));
        }

        _toStartCount = 0;
    }

    /// <summary>The metrics row of the finished run.</summary>
    public RunMetrics ToMetrics(double executionSeconds)
    {
        int n = _workload.Count;
        double firstArrival = n > 0 ? _seq.Arrival[0] : 0.0;
        double lastArrival = n > 0 ? _seq.Arrival[n - 1] : 0.0;
        var utilization = new double[_replicas.Length];
        double end = Stats.LastIterationEnd;
        for (int i = 0; i < _replicas.Length; i++)
        {
            utilization[i] = end > 0 ? _replicas[i].BusyTime / end : 0.0;
        }

        var s = Stats;
        var metrics = s.Requests.ToMetrics(
            n,
            firstArrival,
            lastArrival,
            utilization,
            s.Iterations,
            s.SequenceIterations,
            s.MinSequences,
            s.MaxSequences,
            [s.Requests.Completed],
            [s.Iterations],
            executionSeconds
        );
        var ttft = s.TtftCount == s.Ttft.Length ? s.Ttft : s.Ttft.AsSpan(0, s.TtftCount).ToArray();
        double Ttft(double tau) => ttft.Length > 0 ? ArrayStatistics.QuantileCustomInplace(ttft, tau, QuantileDefinition.R7) : 0.0;
        double ttftMean = 0;
        foreach (double x in ttft)
        {
            ttftMean += x;
        }

        (double Mean, double P99)? transfer = _pools?.TransferTimes();
        return metrics with
        {
            AvgTtft = ttft.Length > 0 ? ttftMean / ttft.Length : 0.0,
            P50Ttft = Ttft(0.50),
            P90Ttft = Ttft(0.90),
            P99Ttft = Ttft(0.99),
            AvgTbt = s.GapCount > 0 ? s.GapSum / s.GapCount : 0.0,
            P50Tbt = s.Gaps.Quantile(0.50),
            P99Tbt = s.Gaps.Quantile(0.99),
            AvgTpot = s.TpotCount > 0 ? s.TpotSum / s.TpotCount : 0.0,
            NumPreemptions = s.Preemptions,
            NumIterations = s.Iterations,
            AvgRunningSequences = s.Iterations > 0 ? (double)s.SequenceIterations / s.Iterations : 0.0,
            AvgKvUtilization = s.Iterations > 0 ? s.KvUtilizationSum / s.Iterations : 0.0,
            MaxKvUtilization = s.KvUtilizationMax,
            SloAttainment = n > 0 ? (double)s.SloMet / n : 0.0,
            GoodputRequestsPerSec = metrics.TotalTime > 0 ? s.SloMet / metrics.TotalTime : 0.0,
            TokenSlaViolationRate = s.Requests.Completed > 0 ? (double)s.TpotViolations / s.Requests.Completed : 0.0,
            PrefillTokensComputed = s.PrefillTokensComputed,
            PrefixCacheHitRate =
                !_options.PrefixCachingEnabled ? null
                : s.PrefixQueryTokens > 0 ? (double)s.PrefixHitTokens / s.PrefixQueryTokens
                : 0.0,
            GoodputPerGpu = metrics.TotalTime > 0 ? s.SloMet / metrics.TotalTime / _replicas.Length : 0.0,
            AvgKvTransferTime = transfer?.Mean,
            P99KvTransferTime = transfer?.P99,
            PrefillUtilization = _pools is null ? null : Mean(utilization.AsSpan(0, _pools.Prefill.Length)),
            DecodeUtilization = _pools is null ? null : Mean(utilization.AsSpan(_pools.Prefill.Length)),
        };
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double x in values)
        {
            sum += x;
        }

        return values.Length > 0 ? sum / values.Length : 0.0;
    }

    private readonly record struct Boundary(double Time, int Replica, int Version);

    private sealed class BoundaryComparer : IComparer<Boundary>
    {
        public static BoundaryComparer Instance { get; } = new();

        public int Compare(Boundary x, Boundary y)
        {
            int c = x.Time.CompareTo(y.Time);
            return c != 0 ? c : x.Replica.CompareTo(y.Replica);
        }
    }
}
