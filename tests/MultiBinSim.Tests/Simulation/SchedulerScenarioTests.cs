using MultiBinSim.Scheduling;

namespace MultiBinSim.Tests.Simulation;

public class SchedulerScenarioTests
{
    private static readonly SchedulerOptions StaticFifo = new() { Scheduler = SchedulerKind.StaticFifo };

    [Fact]
    public void Static_fifo_batches_what_waits_and_runs_as_long_as_its_longest_request()
    {
        // r0 runs alone 0..1; r1, r2, r3 wait and go together at t=1; the batch lasts as long as r1 (2000 tokens): 1..3.
        var w = Scenario.Requests((0, 1000, 1), (0.5, 2000, 1), (0.5, 500, 1), (0.7, 1000, 1));
        var r = Scenario.Run(w, StaticFifo);
        Assert.Equal([0.0, 1.0, 1.0, 1.0], r.Timeline!.Start);
        Assert.Equal([1.0, 3.0, 3.0, 3.0], r.Timeline!.Completion);
        Assert.Equal(2, r.Metrics.NumBatches);
        Assert.Equal(2.0, r.Metrics.AvgBatchSize);
        Assert.Equal((1, 3), (r.Metrics.MinBatchSize, r.Metrics.MaxBatchSize));
    }

    [Fact]
    public void Static_fifo_caps_batches_visits_idle_gpus_in_ascending_id_and_breaks_ties_by_schedule_order()
    {
        // Batch size 2, two GPUs, five requests at t=0 (r1 has 2000 tokens).
        // r0 -> GPU0 (0..1); r1 -> GPU1 (0..2); at 1 GPU0 takes r2, r3 (1..2);
        // at 2 both free: GPU1 was scheduled first, so it takes r4 (2..3); GPU0 then finds the queue empty.
        var w = Scenario.Requests((0, 1000, 1), (0, 2000, 1), (0, 1000, 1), (0, 1000, 1), (0, 1000, 1));
        var r = Scenario.Run(w, StaticFifo with { StaticBatchSize = 2 }, gpus: 2);
        Assert.Equal([0, 1, 0, 0, 1], r.Timeline!.Gpu);
        Assert.Equal([1.0, 2.0, 2.0, 2.0, 3.0], r.Timeline!.Completion);
        Assert.Equal(3.0, r.Metrics.TotalTime);
        // Busy: GPU0 1 + 1 = 2 s, GPU1 2 + 1 = 3 s, over the last GPU-free time 3 s.
        Assert.Equal(2.0 / 3.0, r.Metrics.MinGpuUtilization, 15);
        Assert.Equal(1.0, r.Metrics.MaxGpuUtilization, 15);
    }

    [Fact]
    public void Arrivals_at_the_same_time_as_a_gpu_free_event_are_processed_first()
    {
        // GPU0 frees at t=1 exactly when r1 and r2 arrive: both are enqueued first, so they share one batch.
        var w = Scenario.Requests((0, 1000, 1), (1, 1000, 1), (1, 1000, 1));
        var r = Scenario.Run(w, StaticFifo);
        Assert.Equal(2, r.Metrics.NumBatches);
        Assert.Equal([1.0, 2.0, 2.0], r.Timeline!.Completion);
    }

    [Fact]
    public void Dynamic_no_bins_takes_b_sla_of_the_candidates_and_leaves_the_rest_in_order()
    {
        // r0 alone (0..1); at 1, 69 wait: warm-up b_SLA = 64 takes r1..r64 (1..2); r65..r69 follow (2..3).
        var requests = Enumerable.Range(0, 70).Select(i => (0.0, 1000, 1)).ToArray();
        var r = Scenario.Run(Scenario.Requests(requests), new SchedulerOptions { Scheduler = SchedulerKind.DynamicNoBins });
        Assert.Equal(1.0, r.Timeline!.Completion[0]);
        Assert.All(Enumerable.Range(1, 64), i => Assert.Equal(2.0, r.Timeline!.Completion[i]));
        Assert.All(Enumerable.Range(65, 5), i => Assert.Equal(3.0, r.Timeline!.Completion[i]));
        Assert.Equal(3, r.Metrics.NumBatches);
        Assert.Equal((1, 64), (r.Metrics.MinBatchSize, r.Metrics.MaxBatchSize));
    }

    [Fact]
    public void Dynamic_batches_are_trimmed_from_the_end_until_they_fit_memory()
    {
        // KV 8e-4 GB/token, 1000 tokens per request: 11 requests fit (2 + 8.8 <= 11), 12 do not.
        // b_mem after the first batch = floor(0.9 * 12500 / (340 + 260)) = 18 < b_SLA 64, then trimmed to 11.
        var memory = new GpuMemoryModel(12, 2, 8e-4, 1);
        var requests = Enumerable.Range(0, 30).Select(i => (0.0, 1000, 1)).ToArray();
        var r = Scenario.Run(Scenario.Requests(requests), new SchedulerOptions { Scheduler = SchedulerKind.DynamicNoBins, Memory = memory });
        Assert.Equal(1.0, r.Timeline!.Completion[0]);
        Assert.All(Enumerable.Range(1, 11), i => Assert.Equal(2.0, r.Timeline!.Completion[i]));
        Assert.Equal(3.0, r.Timeline!.Completion[12]);
        Assert.Equal(11, r.Metrics.MaxBatchSize);
    }

    [Fact]
    public void A_request_that_cannot_fit_memory_alone_is_rejected_not_left_waiting()
    {
        var memory = new GpuMemoryModel(12, 2, 8e-4, 1); // at most 11,250 tokens
        var w = Scenario.Requests((0, 1000, 1), (0.1, 20_000, 1), (0.2, 1000, 1));
        foreach (var kind in Schedulers.All)
        {
            var r = Scenario.Run(
                w,
                new SchedulerOptions
                {
                    Scheduler = kind,
                    Memory = memory,
                    K = 1,
                }
            );
            Assert.Equal(1, r.Metrics.NumRejected);
            Assert.Equal(2, r.Metrics.NumCompleted);
            Assert.Equal(-1, r.Timeline!.Gpu[1]);
            Assert.Equal(2000, r.Metrics.TotalTokens);
        }
    }

    [Fact]
    public void Multi_bin_dynamic_round_robin_serves_the_next_non_empty_bin_after_the_cursor()
    {
        // Bins [0,100) and [100,inf). r0 (bin 0) runs 0..1 and moves the cursor to bin 1.
        // At 1: bin 1 is next -> r2 alone (2000 tokens, 1..3); then bin 0 -> r1, r3 together (3..4).
        var w = Scenario.Requests((0, 1000, 50), (0.5, 1000, 50), (0.5, 2000, 500), (0.5, 1000, 60));
        var r = Scenario.Run(w, new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 2 }, boundaries: new BinBoundaries([0, 100]));
        Assert.Equal([1.0, 4.0, 3.0, 4.0], r.Timeline!.Completion);
        Assert.Equal([3L, 1L], r.Metrics.BinRequestCounts);
        Assert.Equal([2L, 1L], r.Metrics.BinBatchCounts);
    }

    [Fact]
    public void Multi_bin_dynamic_longest_queue_serves_the_fullest_bin()
    {
        // At 1: bin 0 holds 2, bin 1 holds 1 -> r1, r3 (1..2), then r2 (2..4).
        var w = Scenario.Requests((0, 1000, 50), (0.5, 1000, 50), (0.5, 2000, 500), (0.5, 1000, 60));
        var options = new SchedulerOptions
        {
            Scheduler = SchedulerKind.MultiBinDynamic,
            K = 2,
            BinPolicy = BinSelectionPolicy.LongestQueue,
        };
        var r = Scenario.Run(w, options, boundaries: new BinBoundaries([0, 100]));
        Assert.Equal([1.0, 2.0, 4.0, 2.0], r.Timeline!.Completion);
    }

    [Fact]
    public void Multi_bin_fixed_takes_up_to_the_fixed_size_from_one_bin()
    {
        // Fixed size 2. r0 (bin 0) 0..1. At 1 the cursor points at bin 1: r2, r4 (2000 tokens, 1..3);
        // then bin 0: r1, r3 (3..4); then bin 1: r5 (4..5).
        var w = Scenario.Requests((0, 1000, 50), (0.5, 1000, 50), (0.5, 2000, 500), (0.5, 1000, 60), (0.6, 1000, 700), (0.6, 1000, 800));
        var options = new SchedulerOptions
        {
            Scheduler = SchedulerKind.MultiBinFixed,
            K = 2,
            FixedBatchSize = 2,
        };
        var r = Scenario.Run(w, options, boundaries: new BinBoundaries([0, 100]));
        Assert.Equal([1.0, 4.0, 3.0, 4.0, 3.0, 5.0], r.Timeline!.Completion);
        Assert.Equal(4, r.Metrics.NumBatches);
    }

    [Fact]
    public void Multi_bin_dynamic_with_one_bin_equals_dynamic_no_bins()
    {
        var w = MultiBinSim.Workloads.WorkloadBuilder.Build(
            MultiBinSim.Workloads.SyntheticBurstGpt.Generate(20_000),
            new MultiBinSim.Workloads.WorkloadOptions()
        );
        var one = Scenario.Run(w, new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 1 }, gpus: 2);
        var none = Scenario.Run(w, new SchedulerOptions { Scheduler = SchedulerKind.DynamicNoBins }, gpus: 2);
        Assert.Equal(none.Timeline!.Completion, one.Timeline!.Completion);
        Assert.Equal(
            none.Metrics with
            {
                ExecutionTimeSeconds = 0,
            },
            one.Metrics with
            {
                ExecutionTimeSeconds = 0,
                BinRequestCounts = none.Metrics.BinRequestCounts,
                BinBatchCounts = none.Metrics.BinBatchCounts,
            }
        );
    }
}
