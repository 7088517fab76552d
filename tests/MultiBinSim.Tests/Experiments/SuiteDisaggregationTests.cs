using FsCheck.Xunit;
using MultiBinSim.Experiments;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Experiments;

/// <summary>
/// <c>mbsim suite</c> with prefill/decode pools: the P:D split given is kept at every GPU count of the plan, tests on
/// one GPU (no split) are skipped and said, and each row records the split it ran with.
/// </summary>
public class SuiteDisaggregationTests
{
    private static readonly DisaggregationOptions OneToThree = new() { PrefillReplicas = 1, DecodeReplicas = 3 };

    [Property(MaxTest = 300)]
    public void A_split_resized_keeps_its_ratio_within_rounding_and_both_pools(byte p, byte d, byte g)
    {
        var pools = new DisaggregationOptions { PrefillReplicas = p % 40 + 1, DecodeReplicas = d % 40 + 1 };
        int gpus = g % 130 + 2;
        var scaled = pools.ScaledTo(gpus)!;
        Assert.Equal(gpus, scaled.Replicas);
        Assert.InRange(scaled.PrefillReplicas, 1, gpus - 1);
        double ideal = (double)pools.PrefillReplicas * gpus / pools.Replicas;
        if (ideal >= 0.5 && ideal <= gpus - 0.5)
        {
            // Unclamped: the nearest integer to G x P / (P + D).
            Assert.True(
                Math.Abs(scaled.PrefillReplicas - ideal) <= 0.5,
                $"{pools.PrefillReplicas}:{pools.DecodeReplicas} at {gpus} GPUs gave {scaled.PrefillReplicas} prefill (ideal {ideal})"
            );
        }

        // Everything but the sizes is kept.
        Assert.Equal(pools with { PrefillReplicas = scaled.PrefillReplicas, DecodeReplicas = scaled.DecodeReplicas }, scaled);
    }

    [Theory]
    [InlineData(1, 3, 4, 1, 3)] // the given size: unchanged
    [InlineData(1, 3, 8, 2, 6)]
    [InlineData(1, 3, 2, 1, 1)] // 0.5 rounds away from zero to 1
    [InlineData(1, 3, 100, 25, 75)]
    [InlineData(3, 5, 100, 38, 62)] // 37.5 -> 38
    [InlineData(1, 7, 4, 1, 3)] // 0.5 -> 1
    [InlineData(1, 15, 4, 1, 3)] // 0.25 -> 0, kept at one prefill replica
    [InlineData(15, 1, 4, 3, 1)] // 3.75 -> 4, kept at one decode replica
    public void A_split_resized_to_g_gpus(int p, int d, int gpus, int prefill, int decode)
    {
        var scaled = new DisaggregationOptions { PrefillReplicas = p, DecodeReplicas = d }.ScaledTo(gpus)!;
        Assert.Equal((prefill, decode), (scaled.PrefillReplicas, scaled.DecodeReplicas));
    }

    [Fact]
    public void One_gpu_has_no_split_and_the_engine_says_why()
    {
        Assert.Null(OneToThree.ScaledTo(1));
        var engine = SimulationEngines.Get(ContinuousEngine.EngineName);
        var settings = new SimulationConfig { Continuous = new ContinuousOptions { Disaggregation = OneToThree } };
        Assert.Null(engine.Adopt(new SimulationConfig { Gpus = 1 }, settings, out string? whyNot));
        Assert.Contains("at least 2 GPUs", whyNot);
        var adopted = engine.Adopt(new SimulationConfig { Gpus = 8 }, settings, out whyNot);
        Assert.Null(whyNot);
        Assert.Equal((2, 6), (adopted!.Continuous.Disaggregation!.PrefillReplicas, adopted.Continuous.Disaggregation.DecodeReplicas));
    }

    [Fact]
    public async Task A_disaggregated_suite_skips_one_gpu_tests_and_records_each_split()
    {
        using var tmp = new TempFiles();
        var options = new SuiteOptions
        {
            Engine = ContinuousEngine.EngineName,
            Continuous = new ContinuousOptions { Disaggregation = OneToThree },
            Steps = [SuiteStep.RequestScaling, SuiteStep.GpuScaling],
            MaxRequests = 1_000,
            MaxGpus = 4,
            OutputFolder = tmp.Folder,
            Parallelism = 2,
            WriteCharts = false,
        };
        var log = new StringWriter();
        var summary = await new SuiteRunner(options, new LineSuiteObserver(log)).RunAsync();

        Assert.Equal(0, summary.Failed);
        Assert.Equal([2, 4], summary.Steps[0].Rows.Select(r => r.Get<int>("num_gpus")!.Value).Order());
        Assert.Equal([2, 4], summary.Steps[1].Rows.Select(r => r.Get<int>("num_gpus")!.Value).Order());
        Assert.Contains("Step 1: request scaling: 3 of 5 tests skipped", log.ToString());
        Assert.Contains("Step 2: GPU scaling: 1 of 3 tests skipped", log.ToString());
        Assert.Contains("at least 2 GPUs", log.ToString());

        var stored = ResultStore.LoadRows(tmp.Folder);
        Assert.Equal(4, stored.Count); // the skipped tests are not stored as failures
        foreach (var row in stored)
        {
            int gpus = row.Get<int>("num_gpus")!.Value;
            Assert.Equal(gpus == 4 ? ("1", "3") : ("1", "1"), (row.GetString(EngineColumns.PrefillReplicas), row.GetString(EngineColumns.DecodeReplicas)));
        }

        // At G = P + D the suite's row is the run of the split as given.
        var context = ExperimentContext.Create(options.Workload, options.MaxRequests, null);
        var test = new SuiteTest(SuiteStep.GpuScaling, MultiBinSim.Scheduling.MultiBinDynamicPolicy.Kind, 1_000, 4, SuitePlanner.StepOneK);
        var direct = context.ConfigFor(test, options.Scheduler) with { Engine = ContinuousEngine.EngineName, Continuous = options.Continuous };
        var metrics = SimulationEngines.Run(context.WorkloadFor(1_000), direct, recordTimeline: false).Metrics;
        var row4 = summary.Steps[1].Rows.Single(r => r.Get<int>("num_gpus") == 4);
        Assert.Equal(metrics.SloAttainment, row4.Get<double>(MultiBinSim.Metrics.MetricCatalogue.SloAttainment.Name));
        Assert.Equal(metrics.P90Ttft, row4.Get<double>(MultiBinSim.Metrics.MetricCatalogue.P90Ttft.Name));
        Assert.Equal(metrics.GoodputPerGpu, row4.Get<double>(MultiBinSim.Metrics.MetricCatalogue.GoodputPerGpu.Name));
    }

    [Fact]
    public async Task A_continuous_step_table_shows_slo_metrics_and_the_split_and_merges_tests_that_are_one_simulation()
    {
        using var tmp = new TempFiles();
        var options = new SuiteOptions
        {
            Engine = ContinuousEngine.EngineName,
            Continuous = new ContinuousOptions { Disaggregation = OneToThree },
            Steps = [SuiteStep.KSensitivity],
            BestGpuCount = 4,
            MaxRequests = 500,
            OutputFolder = tmp.Folder,
            Parallelism = 2,
            WriteCharts = false,
        };
        var summary = await new SuiteRunner(options).RunAsync();
        var table = SuiteStepTable.Of(summary.Steps.Single().Rows, options);

        Assert.Equal(
            ["N", "G", "P:D", "slo_attainment", "goodput_requests_per_sec (req/s)", "p90_ttft (s)", "avg_tpot (s)", "p99_tbt (s)", "status", "tests"],
            table.Headers
        );
        var only = Assert.Single(table.Rows); // six K values, one simulation with FCFS admission
        Assert.Equal("1:3", only[2]);
        Assert.Equal("6", only[^1]);
        Assert.Contains("no effect", Assert.Single(table.Notes));
        Assert.Contains("1 prefill : 3 decode", SuiteStepTable.Describe(options));

        // With multi-bin admission K matters, so it is a column and nothing is merged away unless identical.
        var binned = options with { Continuous = options.Continuous with { Admission = ContinuousAdmission.MultiBin } };
        Assert.Contains("K", SuiteStepTable.Of(summary.Steps.Single().Rows, binned).Headers);
    }

    [Fact]
    public async Task A_batch_step_table_keeps_the_scheduler_k_and_request_sla_metrics()
    {
        using var tmp = new TempFiles();
        var options = SuiteFixture.Small(tmp.Folder, SuiteStep.RequestScaling) with { MaxRequests = 1_000 };
        var summary = await new SuiteRunner(options).RunAsync();
        var table = SuiteStepTable.Of(summary.Steps.Single().Rows, options);
        Assert.Equal(
            ["scheduler", "N", "G", "K", "sla_violation_rate", "capacity_qps_under_sla (req/s)", "p95_latency (s)", "avg_gpu_utilization", "status"],
            table.Headers
        );
        Assert.Equal(5, table.Rows.Count);
        Assert.Empty(table.Notes);
    }
}
