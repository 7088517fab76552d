using MultiBinSim.Experiments;
using MultiBinSim.Latency;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Research;

/// <summary>
/// Finding (a) of notebook 03: multi_bin_paper had capacity 0 in every configuration because, without a flush deadline,
/// Algorithm 1 waits for a full bin of B, so at low load a request waits for B - 1 more arrivals in its bin. The capacity
/// sweep now gives such schedulers a deadline of 0.1 D_SLA (unless one is set); these tests pin both behaviours.
/// </summary>
public class MultiBinPaperCapacityTests
{
    /// <summary>n requests 100 s apart (far apart: the cluster is idle at each arrival), lengths varied so that some
    /// lone requests fit the SLA and some do not.</summary>
    private static Workload Sparse(int n = 400)
    {
        var prompts = Enumerable.Range(0, n).Select(i => 100 + (i * 37 % 3_000)).ToArray();
        var outputs = Enumerable.Range(0, n).Select(i => 10 + (i * 53 % 400)).ToArray();
        return Workload.FromColumns(Enumerable.Range(0, n).Select(i => 100.0 * i).ToArray(), prompts, outputs, outputs);
    }

    private static SimulationConfig Paper(double? maxWait) =>
        new()
        {
            Gpus = 1,
            Scheduler = new SchedulerOptions
            {
                Scheduler = SchedulerKind.MultiBinPaper,
                K = 2,
                FixedBatchSize = 32,
                MaxWait = maxWait,
            },
        };

    [Fact]
    public void At_vanishing_load_a_flush_deadline_serves_each_request_alone_after_it_exactly()
    {
        var w = Sparse();
        const double wait = 0.1;
        var result = Simulator.Run(w, Paper(wait), recordTimeline: false).Metrics;
        // Alone in its batch: latency = wait + t(1, L) = wait + alpha + beta L (the gamma term vanishes for b = 1); the last
        // request is flushed when arrivals end, at its arrival, so it does not wait.
        var model = LatencyModel.Default;
        double Wait(int i) => i == w.Count - 1 ? 0 : wait;
        int expected = Enumerable.Range(0, w.Count).Count(i => Wait(i) + model.ServiceTime(1, w.PromptTokens[i] + w.OutputTokens[i]) > 1.0);
        Assert.InRange(expected, 1, w.Count - 1); // the workload has both kinds
        Assert.Equal(expected, result.NumSlaViolations);
        Assert.Equal(1.0, result.AvgBatchSize);
        Assert.Equal(Enumerable.Range(0, w.Count).Average(i => Wait(i) + model.ServiceTime(1, w.PromptTokens[i] + w.OutputTokens[i])), result.AvgLatency, 9);
    }

    [Fact]
    public void Without_a_deadline_requests_wait_for_a_full_bin_and_almost_all_miss_the_sla()
    {
        // The finding: each request waits for B - 1 = 31 more arrivals in its bin (100 s apart), except the final flush.
        var result = Simulator.Run(Sparse(), Paper(null), recordTimeline: false).Metrics;
        Assert.True(result.SlaViolationRate > 0.9, $"violation rate {result.SlaViolationRate}");
        Assert.True(result.AvgQueueingDelay > 100, $"queueing {result.AvgQueueingDelay} s");
    }

    [Fact]
    public async Task The_capacity_sweep_finds_a_positive_capacity_for_multi_bin_paper_and_none_without_a_deadline()
    {
        using var tmp = new TempFiles();
        var options = new CapacitySweepOptions
        {
            Workload = new WorkloadOptions { Requests = 5_000 },
            Schedulers = [SchedulerKind.MultiBinPaper],
            Gpus = [1, 4],
            Ks = [4],
            OutputFolder = tmp.Folder,
            Parallelism = 2,
        };
        Assert.Equal(0.1, options.SchedulerFor(SchedulerKind.MultiBinPaper).MaxWait);
        Assert.Null(options.SchedulerFor(SchedulerKind.MultiBinFixed).MaxWait); // other schedulers' configurations (and keys) are unchanged
        var rows = await CapacitySweep.RunAsync(options);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
            Assert.True(
                r.Get<double>("rps_scaling") > 0 && r.Get<double>("sla_violation_rate") <= 0.05,
                $"G={r.Get<int>("num_gpus")}: {r.Get<double>("rps_scaling")}"
            )
        );
        Assert.True(
            rows.Single(r => r.Get<int>("num_gpus") == 4).Get<double>("offered_load_requests_per_sec")
                > rows.Single(r => r.Get<int>("num_gpus") == 1).Get<double>("offered_load_requests_per_sec")
        );

        // Algorithm 1 as written (no deadline within reach): the finding, capacity 0.
        var unbounded = await CapacitySweep.RunAsync(
            options with
            {
                Gpus = [1],
                Scheduler = new SchedulerOptions { MaxWait = 1e9 },
            }
        );
        Assert.Equal(0, unbounded.Single().Get<double>("rps_scaling"));
    }
}
