using FsCheck.Xunit;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

public class SimulationPropertyTests
{
    /// <summary>Random small workloads: arrivals on a coarse grid (so ties happen), lengths from tiny to too-big-for-memory.</summary>
    private static Workload MakeWorkload(int[] gaps, int[] tokens, int[] predicted)
    {
        int n = Math.Min(gaps.Length, Math.Min(tokens.Length, predicted.Length));
        var arrivals = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += Math.Abs(gaps[i] % 4) * 0.25;
            arrivals[i] = t;
        }

        var lengths = tokens.Take(n).Select(x => Math.Abs(x % 3000) + 1).ToArray();
        return Workload.FromColumns(
            arrivals,
            lengths.Select(l => l / 2).ToArray(),
            lengths.Select(l => l - l / 2).ToArray(),
            predicted.Take(n).Select(p => Math.Abs(p % 500)).ToArray()
        );
    }

    [Property(MaxTest = 300)]
    public bool Every_request_is_served_once_or_rejected_and_no_gpu_runs_two_batches_at_once(
        int[] gaps,
        int[] tokens,
        int[] predicted,
        int gpuSeed,
        int kindSeed
    )
    {
        var memory = new GpuMemoryModel(12, 2, 4e-3, 1); // 2,250 tokens: some requests cannot fit alone
        {
            var w = MakeWorkload(gaps, tokens, predicted);
            if (w.Count == 0)
            {
                return true;
            }

            var kind = Schedulers.All[Math.Abs(kindSeed % Schedulers.All.Count)];
            int gpus = Math.Abs(gpuSeed % 3) + 1;
            var options = new SchedulerOptions
            {
                Scheduler = kind,
                K = 3,
                Memory = memory,
                BMax = 16,
                CandidatePool = 16,
                StaticBatchSize = 3,
                FixedBatchSize = 4,
            };
            var r = Simulator.Run(
                w,
                new SimulationConfig
                {
                    Gpus = gpus,
                    Scheduler = options,
                    Latency = Scenario.Linear,
                }
            );
            var tl = r.Timeline!;
            for (int i = 0; i < w.Count; i++)
            {
                long tokensOf = (long)w.PromptTokens[i] + w.OutputTokens[i];
                if (tl.Gpu[i] == RequestTimeline.Rejected)
                {
                    if (memory.Fits(tokensOf))
                    {
                        return false;
                    }

                    continue;
                }

                if (tl.Gpu[i] < 0 || tl.Start[i] < w.Arrivals[i] || tl.Completion[i] < tl.Start[i] + 0.001 - 1e-12)
                {
                    return false;
                }
            }

            // Batches on one GPU never overlap: group served requests by (gpu, start).
            var batches = Enumerable
                .Range(0, w.Count)
                .Where(i => tl.Gpu[i] >= 0)
                .GroupBy(i => (tl.Gpu[i], tl.Start[i]))
                .Select(g => (Gpu: g.Key.Item1, Start: g.Key.Item2, End: tl.Completion[g.First()], Size: g.Count()))
                .ToArray();
            bool sameEnd = Enumerable
                .Range(0, w.Count)
                .Where(i => tl.Gpu[i] >= 0)
                .All(i => tl.Completion[i] == batches.First(b => b.Gpu == tl.Gpu[i] && b.Start == tl.Start[i]).End);
            bool noOverlap = batches
                .GroupBy(b => b.Gpu)
                .All(g =>
                {
                    var ordered = g.OrderBy(b => b.Start).ToArray();
                    return ordered.Zip(ordered.Skip(1)).All(p => p.First.End <= p.Second.Start);
                });
            int maxSize =
                kind == SchedulerKind.StaticFifo ? 3
                : kind == SchedulerKind.MultiBinFixed || kind == SchedulerKind.MultiBinPaper ? 4
                : 16;
            return sameEnd
                && noOverlap
                && batches.All(b => b.Size <= maxSize)
                && r.Metrics.NumCompleted + r.Metrics.NumRejected == w.Count
                && r.Metrics.NumBatches == batches.Length;
        }
    }
}
