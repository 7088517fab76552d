using MultiBinSim.Experiments;
using MultiBinSim.Latency;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Tests.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Research;

public class MultiBinPaperTests
{
    private static readonly SchedulerOptions PaperB2 = new()
    {
        Scheduler = SchedulerKind.MultiBinPaper,
        K = 2,
        FixedBatchSize = 2,
    };

    // Bins [0,100) and [100,inf); every request has 1000 tokens (1 s). r0 (bin 0) at 0, r1 (bin 1) at 0.1,
    // r2 (bin 0) at 0.2, r3 (bin 0) at 5.
    private static Workload Requests() => Scenario.Requests((0, 1000, 50), (0.1, 1000, 500), (0.2, 1000, 60), (5.0, 1000, 70));

    [Fact]
    public void A_bin_forms_a_batch_only_when_full_and_the_rest_is_flushed_when_arrivals_end()
    {
        // Bin 0 fills at 0.2 -> [r0, r2] on GPU 0 (0.2..1.2). r1 waits alone in bin 1 until arrivals end at 5,
        // when the final flush forms [r1] and [r3]; GPU 1 takes [r1] (5..6), GPU 0 takes [r3] (5..6).
        var r = Scenario.Run(Requests(), PaperB2, gpus: 2, boundaries: new BinBoundaries([0, 100]));
        Assert.Equal([0.2, 5.0, 0.2, 5.0], r.Timeline!.Start);
        Assert.Equal([1.2, 6.0, 1.2, 6.0], r.Timeline.Completion);
        Assert.Equal(3, r.Metrics.NumBatches);
    }

    [Fact]
    public void A_partial_bin_is_flushed_once_its_oldest_request_has_waited_the_max_wait()
    {
        // Max wait 0.5 s: r1 (arrived 0.1) is flushed at 0.6 and starts at once on the idle GPU 1.
        var r = Scenario.Run(Requests(), PaperB2 with { MaxWait = 0.5 }, gpus: 2, boundaries: new BinBoundaries([0, 100]));
        Assert.Equal(0.6, r.Timeline!.Start[1], 12);
        Assert.Equal(1.6, r.Timeline.Completion[1], 12);
        Assert.Equal(5.0, r.Timeline.Start[3]); // r3 is the last arrival: flushed when arrivals end
    }

    [Fact]
    public void Formed_batches_wait_in_one_central_fifo()
    {
        // One GPU, B = 1: every request is its own batch the moment it arrives; batches run in formation order.
        var w = Scenario.Requests((0, 2000, 500), (0.1, 1000, 50), (0.2, 1000, 500));
        var r = Scenario.Run(w, PaperB2 with { FixedBatchSize = 1 }, boundaries: new BinBoundaries([0, 100]));
        Assert.Equal([2.0, 3.0, 4.0], r.Timeline!.Completion);
    }

    [Fact]
    public void At_saturation_it_also_reproduces_theorem_4_2()
    {
        const int n = 100_000,
            k = 4,
            b = 32;
        var rng = new NumpyLegacyRandom(7);
        var lengths = Enumerable.Range(0, n).Select(_ => 1000 + (int)(rng.NextDouble() * 9001)).ToArray();
        var w = Workload.FromColumns(new double[n], new int[n], lengths, lengths);
        var config = new SimulationConfig
        {
            Latency = new LatencyModel(0, 0.001, 0),
            Boundaries = new BinBoundaries([1000, 3250, 5500, 7750]),
            Scheduler = new SchedulerOptions
            {
                Scheduler = SchedulerKind.MultiBinPaper,
                K = k,
                FixedBatchSize = b,
            },
        };
        double simulated = Simulator.Run(w, config, recordTimeline: false).Metrics.ThroughputRequestsPerSec;
        double theory = TheoryValidation.Throughput(k, b, 1, 10);
        Assert.True(Math.Abs(simulated / theory - 1) < 0.01, $"simulated {simulated}, theory {theory}");
    }
}
