using System.Runtime.CompilerServices;
using System.Diagnostics;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Batch;

/// <summary>
/// The discrete-event simulation of one run: G GPUs serving a workload under one scheduling policy.
/// <para>
/// Event order: by time; at equal times every arrival comes before any GPU-free event, and both before a policy timer
/// (multi_bin_paper's max wait); arrivals in row order; GPU-free events in the order they were scheduled. Merging the sorted arrival stream with a heap of at most G
/// GPU-free events gives exactly this order. On an arrival, the request is enqueued and every idle GPU, in ascending
/// id, tries to start a batch. On a GPU-free event, the batch's feedback goes to its controller, its requests complete,
/// and that GPU tries to start a new batch.
/// </para>
/// The run is a pure function of (workload, config): no clock, no randomness, no shared state.
/// </summary>
public static class Simulator
{
    /// <param name="workload">The requests (never modified).</param>
    /// <param name="config">GPUs, scheduler, latency model.</param>
    /// <param name="recordTimeline">Keep each request's start, completion and GPU (20 bytes per request); sweeps that
    /// only need the metrics row turn it off.</param>
    public static SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline = true)
    {
        ArgumentNullException.ThrowIfNull(workload);
        config.Validate();
        var stopwatch = Stopwatch.StartNew();
        var policy = config.Scheduler.Scheduler.CreatePolicy(config.Scheduler, workload, config.Boundaries);
        var run = new SimulationRun(workload, config, policy, recordTimeline ? new RequestTimeline(workload.Count) : null);
        run.Execute();
        stopwatch.Stop();
        double firstArrival = workload.Count > 0 ? workload.Arrivals[0] : 0.0;
        double lastArrival = workload.Count > 0 ? workload.Arrivals[^1] : 0.0;
        var metrics = run.Metrics.ToMetrics(workload.Count, firstArrival, lastArrival, policy.RequestsPerBin, policy.BatchesPerBin, run.Gpus.BusyTime, run.Batches, stopwatch.Elapsed.TotalSeconds);
        return new SimulationResult(metrics, run.Timeline, policy.Boundaries);
    }

    /// <summary>The mutable state of one run.</summary>
    private sealed class SimulationRun(Workload workload, SimulationConfig config, IBatchPolicy policy, RequestTimeline? timeline)
    {
        private readonly double[] _arrivals = workload.ArrivalArray;
        private readonly int[] _prompt = workload.PromptArray;
        private readonly int[] _output = workload.OutputArray;
        private readonly GpuMemoryModel _memory = config.Scheduler.Memory;
        private readonly PriorityQueue<int, GpuFreeKey> _gpuFree = new(config.Gpus, GpuFreeKeyComparer.Instance);
        private long _sequence;

        public RequestTimeline? Timeline { get; } = timeline;

        public MetricsAccumulator Metrics { get; } = new(workload.Count, config.Scheduler.DSla);

        public GpuCluster Gpus { get; } = new(config.Gpus, policy.MaxBatchSize);

        public BatchTally Batches { get; } = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute()
        {
            int n = workload.Count, next = 0;
            while (next < n || _gpuFree.Count > 0 || policy.HasWaiting)
            {
                double freeAt = _gpuFree.TryPeek(out _, out var due) ? due.Time : double.PositiveInfinity;
                double timer = policy.NextTimer;
                if (next >= n && freeAt == double.PositiveInfinity && timer == double.PositiveInfinity)
                {
                    break; // nothing left that could ever start (only possible with a policy that holds requests back)
                }

                if (timer < Math.Min(next < n ? _arrivals[next] : double.PositiveInfinity, freeAt))
                {
                    policy.OnTimer(timer);
                    StartOnIdleGpus(timer);
                }
                else if (next < n && _arrivals[next] <= freeAt)
                {
                    double now = _arrivals[next];
                    int request = next++;
                    if (_memory.Fits((long)_prompt[request] + _output[request]))
                    {
                        policy.Enqueue(request);
                    }
                    else
                    {
                        // It could never run: reject it rather than let it wait forever.
                        Metrics.Reject();
                        if (Timeline is not null)
                        {
                            Timeline.Gpu[request] = RequestTimeline.Rejected;
                        }
                    }

                    if (next == n)
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
            foreach (int request in buffer[..size])
            {
                longest = Math.Max(longest, _prompt[request] + _output[request]);
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
            foreach (int request in batch)
            {
                Metrics.Complete(_arrivals[request], start, now, _prompt[request] + _output[request]);
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
