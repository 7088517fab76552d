using System.Diagnostics;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation;

/// <summary>
/// The discrete-event simulation of one run: G GPUs serving a workload under one scheduling policy.
/// <para>
/// Event order: by time; at equal times every arrival comes before any GPU-free event; arrivals in row order;
/// GPU-free events in the order they were scheduled. Merging the sorted arrival stream with a heap of at most G
/// GPU-free events gives exactly this order. On an arrival, the request is enqueued and every idle GPU, in ascending
/// id, tries to start a batch. On a GPU-free event, the batch's feedback goes to its controller, its requests complete,
/// and that GPU tries to start a new batch.
/// </para>
/// The run is a pure function of (workload, config): no clock, no randomness, no shared state.
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(Workload workload, SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(workload);
        config.Validate();
        var stopwatch = Stopwatch.StartNew();
        var policy = BatchPolicyFactory.Create(config.Scheduler, workload, config.Boundaries);
        var run = new SimulationRun(workload, config, policy);
        run.Execute();
        stopwatch.Stop();
        var metrics = MetricsCalculator.Compute(workload, config, policy, run.Timeline, run.Gpus, run.Batches, stopwatch.Elapsed.TotalSeconds);
        return new SimulationResult(metrics, run.Timeline, policy.Boundaries);
    }

    /// <summary>The mutable state of one run.</summary>
    private sealed class SimulationRun(Workload workload, SimulationConfig config, IBatchPolicy policy)
    {
        private readonly double[] _arrivals = workload.ArrivalArray;
        private readonly int[] _prompt = workload.PromptArray;
        private readonly int[] _output = workload.OutputArray;
        private readonly GpuMemoryModel _memory = config.Scheduler.Memory;
        private readonly PriorityQueue<int, GpuFreeKey> _gpuFree = new(config.Gpus, GpuFreeKeyComparer.Instance);
        private long _sequence;

        public RequestTimeline Timeline { get; } = new(workload.Count);

        public GpuCluster Gpus { get; } = new(config.Gpus, policy.MaxBatchSize);

        public BatchTally Batches { get; } = new();

        public void Execute()
        {
            int n = workload.Count, next = 0;
            while (next < n || _gpuFree.Count > 0)
            {
                if (next < n && (!_gpuFree.TryPeek(out _, out var due) || _arrivals[next] <= due.Time))
                {
                    double now = _arrivals[next];
                    int request = next++;
                    if (!_memory.Fits((long)_prompt[request] + _output[request]))
                    {
                        Timeline.Gpu[request] = RequestTimeline.Rejected; // could never run: reject, never wait forever
                        continue;
                    }

                    policy.Enqueue(request);
                    for (int gpu = Gpus.NextIdle(-1); gpu >= 0 && policy.HasWaiting; gpu = Gpus.NextIdle(gpu))
                    {
                        TryStartBatch(gpu, now);
                    }
                }
                else
                {
                    _gpuFree.TryDequeue(out int gpu, out var freed);
                    CompleteBatch(gpu, freed.Time);
                    TryStartBatch(gpu, freed.Time);
                }
            }
        }

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
                Timeline.Start[request] = now;
                Timeline.Gpu[request] = gpu;
            }

            double serviceTime = config.Latency.ServiceTime(size, longest);
            Gpus.MarkBusy(gpu, now, size, group, serviceTime);
            Batches.Add(size);
            _gpuFree.Enqueue(gpu, new GpuFreeKey(now + serviceTime, _sequence++));
        }

        private void CompleteBatch(int gpu, double now)
        {
            var batch = Gpus.CurrentBatch(gpu);
            // The controller sees the batch's service time as completion minus start, as the original simulator did.
            policy.OnBatchCompleted(Gpus.BatchGroup[gpu], batch, now - Gpus.BatchStart[gpu]);
            foreach (int request in batch)
            {
                Timeline.Completion[request] = now;
            }

            Batches.LastGpuFreeTime = now;
            Gpus.MarkIdle(gpu);
        }
    }
}
