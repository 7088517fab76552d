using MultiBinSim.Errors;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Tests.Simulation;

namespace MultiBinSim.Tests.Research;

public class AlgorithmVariantTests
{
    [Fact]
    public void Paper_sla_controller_follows_algorithm_2_step_by_step()
    {
        var c = new PaperSlaController(dSla: 1.0, epsilon: 0.1, bMin: 1, bMax: 128, alpha: 4, delta: 2);
        Assert.Equal(64, c.NextBatchSize()); // no observation yet: the midpoint
        c.Update(2.0, 64); // tau = 2.0 > 1.1: b_high = max(64, 1 + 4) = 64, b_low = max(1 - 2, 1) = 1
        Assert.Equal(32, c.NextBatchSize());
        c.Update(0.5, 32); // tau = 0.1 + 1.6 = 1.7: b_high = max(32, 5) = 32
        Assert.Equal(16, c.NextBatchSize());
        c.Update(0.2, 16); // tau = 1.4
        Assert.Equal(8, c.NextBatchSize());
        c.Update(0.1, 8); // tau = 1.14
        Assert.Equal(4, c.NextBatchSize());
        c.Update(0.1, 4); // tau = 0.932, in band: b_high = 4 + 2 = 6, b_low = 4 - 2 = 2
        Assert.Equal(4, c.NextBatchSize());
        Assert.Equal((2, 6), (c.BLow, c.BHigh));
        c.Update(0.1, 4); // tau = 0.7656 < 0.9: b_low = min(4, 6 - 4) = 2, b_high = min(6 + 2, 128) = 8
        Assert.Equal(5, c.NextBatchSize());
        Assert.Equal((2, 8), (c.BLow, c.BHigh));
    }

    [Fact]
    public void Paper_memory_size_is_the_largest_b_within_the_overflow_bound()
    {
        var memory = new GpuMemoryModel(12, 2, 1e-3, 1); // eta = 10,000 tokens
        double theta = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.95);
        Assert.Equal(10, memory.PaperMemoryBatchSize(1000, 0, theta, 128)); // no variance: eta / mean
        // sigma = 500: 7 * 1000 + theta * sqrt(7) * 500 = 9,176 <= 10,000 < 10,326 for b = 8.
        Assert.Equal(7, memory.PaperMemoryBatchSize(1000, 250_000, theta, 128));
        Assert.Equal(128, GpuMemoryModel.Default.PaperMemoryBatchSize(500, 10_000, theta, 128)); // clamped to B_MAX
        Assert.Equal(1, memory.PaperMemoryBatchSize(50_000, 0, theta, 128)); // clamped to 1
    }

    [Fact]
    public void Running_statistics_are_exact_mean_and_variance()
    {
        var stats = new BatchStatistics();
        Assert.Equal(500, stats.MeanTokens); // the EMA start values before any request
        foreach (var (p, o) in new[] { (100, 10), (200, 30), (300, 20) })
        {
            stats.AddRequest(p, o);
        }

        Assert.Equal(200 + 20, stats.MeanTokens, 12);
        Assert.Equal(10_000 + 100, stats.TokenVariance, 9); // sample variances 10,000 and 100
    }

    [Fact]
    public void The_sla_signal_can_be_request_latency_instead_of_batch_service_time()
    {
        var options = new SchedulerOptions { SlaSignal = SlaSignal.RequestLatency };
        var batcher = new DynamicBatcher(options, 1, [10, 10], [5, 5], [0.0, 1.0]);
        batcher.OnBatchCompleted(0, [0, 1], serviceTime: 0.5, completion: 3.0); // latencies 3.0 and 2.0
        Assert.Equal(0.2 * 2.5, ((SlaController)batcher.Controller(0)).AverageServiceTime, 12);
        var byService = new DynamicBatcher(new SchedulerOptions(), 1, [10, 10], [5, 5], [0.0, 1.0]);
        byService.OnBatchCompleted(0, [0, 1], serviceTime: 0.5, completion: 3.0);
        Assert.Equal(0.2 * 0.5, ((SlaController)byService.Controller(0)).AverageServiceTime, 12);
    }

    [Fact]
    public void Paper_variants_run_end_to_end_and_change_the_outcome()
    {
        var w = MultiBinSim.Workloads.WorkloadBuilder.Build(
            MultiBinSim.Workloads.SyntheticBurstGpt.Generate(20_000),
            new MultiBinSim.Workloads.WorkloadOptions()
        );
        SimulationResult Run(SchedulerOptions o) => Simulator.Run(w, new SimulationConfig { Gpus = 2, Scheduler = o });
        var heuristic = Run(new SchedulerOptions());
        var paperSla = Run(new SchedulerOptions { SlaAlgorithm = SlaAlgorithm.Paper });
        var latencySignal = Run(new SchedulerOptions { SlaSignal = SlaSignal.RequestLatency });
        var paperMemory = Run(new SchedulerOptions { MemoryAlgorithm = MemoryAlgorithm.Paper });
        Assert.All(new[] { heuristic, paperSla, latencySignal, paperMemory }, r => Assert.Equal(20_000, r.Metrics.NumCompleted));
        Assert.NotEqual(heuristic.Metrics.NumBatches, paperSla.Metrics.NumBatches);
        Assert.NotEqual(heuristic.Metrics.NumBatches, latencySignal.Metrics.NumBatches);
        // With 12 GB and thousands of tokens per request, memory never binds: both memory algorithms give B_MAX.
        Assert.Equal(
            heuristic.Metrics with
            {
                ExecutionTimeSeconds = 0,
            },
            paperMemory.Metrics with
            {
                ExecutionTimeSeconds = 0,
                BinRequestCounts = heuristic.Metrics.BinRequestCounts,
                BinBatchCounts = heuristic.Metrics.BinBatchCounts,
            }
        );
    }

    [Theory]
    [InlineData("batch-service-time", SlaSignal.BatchServiceTime)]
    [InlineData("request-latency", SlaSignal.RequestLatency)]
    public void Variant_names_parse(string name, SlaSignal expected)
    {
        Assert.Equal(expected, EnumNames.Parse<SlaSignal>("--sla-signal", name));
        Assert.Equal(
            "SlaAlgorithm",
            Assert.Single(Assert.Throws<Errors.ConfigurationException>(() => EnumNames.Parse<SlaAlgorithm>("SlaAlgorithm", "magic")).Errors).Property
        );
    }
}
