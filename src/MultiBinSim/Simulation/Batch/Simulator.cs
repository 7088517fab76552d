using System.Diagnostics;
using System.Runtime.CompilerServices;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Batch;

/// <summary>
/// The discrete-event simulation of one run: G GPUs serving a workload under one scheduling policy.
/// <para>
/// Event order: by time; at equal times every arrival comes before any GPU-free event, and both before a policy timer
/// (multi_bin_paper's max wait); arrivals in row order; GPU-free events in the order they were scheduled. Merging the sorted arrival stream with a heap of at
/// most G
/// GPU-free events gives exactly this order. On an arrival, the request is enqueued and every idle GPU, in ascending
/// id, tries to start a batch. On a GPU-free event, the batch's feedback goes to its controller, its requests complete,
/// and that GPU tries to start a new batch.
/// </para>
/// The run is a pure function of (workload, config): no clock, no randomness, no shared state. A streamed workload
/// (<see cref="Run(WorkloadStream, SimulationConfig)"/>) gives the same run: the loop is the same code over a request
/// window whose slots stand where an in-memory run has request positions.
/// </summary>
public static class Simulator
{
    /// <param name="workload">The requests (never modified).</param>
    /// <param name="config">GPUs, scheduler, latency model, metrics mode.</param>
    /// <param name="recordTimeline">Keep each request's start, completion and GPU (20 bytes per request); sweeps that
    /// only need the metrics row turn it off.</param>
    /// <param name="progress">Called every <see cref="RequestWindow.ProgressEvery"/> arrivals, on this thread; null = never.</param>
    public static SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline = true, Action<RunProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        config.Validate();
        var stopwatch = Stopwatch.StartNew();
        var policy = config.Scheduler.Scheduler.CreatePolicy(config.Scheduler, workload, config.Boundaries);
        var run = new SimulationRun<WorkloadArrivals>(
            new WorkloadArrivals(workload.ArrivalArray, workload.Count, progress),
            workload.Columns,
            workload.Count,
            config,
            policy,
            recordTimeline ? new RequestTimeline(workload.Count) : null
        );
        run.Execute();
        stopwatch.Stop();
        double firstArrival = workload.Count > 0 ? workload.Arrivals[0] : 0.0;
        double lastArrival = workload.Count > 0 ? workload.Arrivals[^1] : 0.0;
        return new SimulationResult(run.ToMetrics(workload.Count, firstArrival, lastArrival, stopwatch), run.Timeline, policy.Boundaries);
    }

    /// <summary>
    /// The same run over a streamed workload, keeping only the requests in flight (<see cref="RequestWindow"/>): the
    /// same metrics as <see cref="Run(Workload, SimulationConfig, bool, Action{RunProgress})"/> on the built workload (exact metrics mode:
    /// every field; streaming mode: every field but the p50/p95/p99 latencies, which are within
    /// <see cref="LatencyHistogram.RelativeError"/>). No timeline: that would be O(N).
    /// </summary>
    /// <param name="stream">The requests, read once.</param>
    /// <param name="config">As for an in-memory run; a binned scheduler without <see cref="SimulationConfig.Boundaries"/>
    /// takes them from the stream's first <see cref="SchedulerOptions.BoundarySampleSize"/> predictions.</param>
    public static SimulationResult Run(WorkloadStream stream, SimulationConfig config) => Run(stream, config, out _);

    /// <inheritdoc cref="Run(WorkloadStream, SimulationConfig)"/>
    /// <param name="stream">The requests, read once.</param>
    /// <param name="config">As for an in-memory run.</param>
    /// <param name="peakInFlight">The most requests the window held at once (its memory is proportional to this).</param>
    /// <param name="monitors">Progress and per-request records; null = none.</param>
    public static SimulationResult Run(WorkloadStream stream, SimulationConfig config, out int peakInFlight, RunMonitors? monitors = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var stopwatch = Stopwatch.StartNew();
        var scheduler = config.Scheduler;
        var boundaries = !scheduler.Scheduler.IsBinned
            ? null
            : config.Boundaries ?? BinBoundaries.Compute(stream.Head(scheduler.BoundarySampleSize).PredictedTokens, scheduler.K, scheduler.BoundarySampleSize);
        monitors ??= RunMonitors.None;
        var window = new RequestWindow(stream) { Progress = monitors.Progress };
        var policy = scheduler.Scheduler.CreatePolicy(scheduler, window.Columns, boundaries);
        var run = new SimulationRun<WindowArrivals>(new WindowArrivals(window, monitors.Requests), window.Columns, stream.Count, config, policy, null);
        run.Execute();
        stopwatch.Stop();
        peakInFlight = window.PeakInFlight;
        double firstArrival = window.Admitted > 0 ? window.FirstArrival : 0.0;
        return new SimulationResult(run.ToMetrics(stream.Count, firstArrival, window.LastArrival, stopwatch), null, policy.Boundaries);
    }

    /// <summary>The mutable state of one run.</summary>
    /// <param name="arrivals">The arrivals; the event loop works on a copy (a struct: its position stays in registers),
    /// and this field only releases slots.</param>
    /// <param name="columns">The requests' columns by slot.</param>
    /// <param name="requests">Requests in the run (sizes the exact metrics' latency sample).</param>
    private sealed class SimulationRun<TArrivals>(
        TArrivals arrivals,
        RequestColumns columns,
        int requests,
        SimulationConfig config,
        IBatchPolicy policy,
        RequestTimeline? timeline
    )
        where TArrivals : struct, IArrivalSource
    {
        private readonly GpuMemoryModel _memory = config.Scheduler.Memory;
        private readonly PriorityQueue<int, GpuFreeKey> _gpuFree = new(config.Gpus, GpuFreeKeyComparer.Instance);
        private TArrivals _arrivals = arrivals;
        private long _sequence;

        public RequestTimeline? Timeline { get; } = timeline;

        public MetricsAccumulator Metrics { get; } = new(requests, config.Scheduler.DSla, MetricsModes.IsStreaming(config.MetricsMode, requests));

        public GpuCluster Gpus { get; } = new(config.Gpus, policy.MaxBatchSize);

        public BatchTally Batches { get; } = new();

        public RunMetrics ToMetrics(int count, double firstArrival, double lastArrival, Stopwatch stopwatch) =>
            Metrics.ToMetrics(
                count,
                firstArrival,
                lastArrival,
                policy.RequestsPerBin,
                policy.BatchesPerBin,
                Gpus.BusyTime,
                Batches,
                stopwatch.Elapsed.TotalSeconds
            );

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute()
        {
            var source = _arrivals;
            while (source.HasNext || _gpuFree.Count > 0 || policy.HasWaiting)
            {
                double freeAt = _gpuFree.TryPeek(out _, out var due) ? due.Time : double.PositiveInfinity;
                double timer = policy.NextTimer;
                bool hasNext = source.HasNext;
                if (!hasNext && freeAt == double.PositiveInfinity && timer == double.PositiveInfinity)
                {
                    break; // nothing left that could ever start (only possible with a policy that holds requests back)
                }

                if (timer < Math.Min(hasNext ? source.NextArrival : double.PositiveInfinity, freeAt))
                {
                    policy.OnTimer(timer);
                    StartOnIdleGpus(timer);
                }
                else if (hasNext && source.NextArrival <= freeAt)
                {
                    double now = source.NextArrival;
                    int request = source.Admit();
                    if (_memory.Fits((long)columns.Prompt[request] + columns.Output[request]))
                    {
                        policy.Enqueue(request);
                    }
                    else
                    {
                        // It could never run: reject it rather than let it wait forever.
                        Metrics.Reject();
                        source.Leave(request, RequestTimeline.Rejected, double.NaN, double.NaN);
                        if (Timeline is not null)
                        {
                            Timeline.Gpu[request] = RequestTimeline.Rejected;
                        }
                    }

                    if (!source.HasNext)
                    {
                        policy.OnArrivalsEnded();
                    }

                    StartOnIdleGpus(now);
                }
                else
                {
                    _gpuFree.TryDequeue(out int gpu, out var freed);
                    CompleteBatch(gpu, freed.Time);
                    TryStartBatch(gpu, freed.Time);
                }
            }
        }

        private void StartOnIdleGpus(double now)
        {
            for (int gpu = Gpus.NextIdle(-1); gpu >= 0 && policy.HasWaiting; gpu = Gpus.NextIdle(gpu))
            {
                TryStartBatch(gpu, now);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TryStartBatch(int gpu, double now)
        {
            var buffer = Gpus.BatchBuffer(gpu);
            int size = policy.FormBatch(buffer, out int group);
            if (size == 0)
            {
                return;
            }

            int longest = 0;
            var prompt = columns.Prompt;
            var output = columns.Output;
            foreach (int request in buffer[..size])
            {
                longest = Math.Max(longest, prompt[request] + output[request]);
            }

            if (Timeline is not null)
            {
                foreach (int request in buffer[..size])
                {
                    Timeline.Start[request] = now;
                    Timeline.Gpu[request] = gpu;
                }
            }

            double serviceTime = config.Latency.ServiceTime(size, longest);
            Gpus.MarkBusy(gpu, now, size, group, serviceTime);
            Batches.Add(size);
            _gpuFree.Enqueue(gpu, new GpuFreeKey(now + serviceTime, _sequence++));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CompleteBatch(int gpu, double now)
        {
            var batch = Gpus.CurrentBatch(gpu);
            double start = Gpus.BatchStart[gpu];
            // The controller sees the batch's service time as completion minus start, as the original simulator did.
            policy.OnBatchCompleted(Gpus.BatchGroup[gpu], batch, now - start, now);
            var arrivals = columns.Arrivals;
            var prompt = columns.Prompt;
            var output = columns.Output;
            foreach (int request in batch)
            {
                Metrics.Complete(arrivals[request], start, now, prompt[request] + output[request]);
                _arrivals.Leave(request, gpu, start, now);
                if (Timeline is not null)
                {
                    Timeline.Completion[request] = now;
                }
            }

            Batches.LastGpuFreeTime = now;
            Gpus.MarkIdle(gpu);
        }
    }
}
