using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Experiments;

public class SuitePlannerTests
{
    [Theory]
    [InlineData(1_000_000, 100, 20, 8)]
    [InlineData(100_000, 100, 15, 8)]
    [InlineData(50_000, 16, 10, 5)]
    [InlineData(1_000, 1, 5, 1)]
    [InlineData(500, 3, 5, 2)]
    public void Step_plans_have_the_expected_test_counts(int maxRequests, int maxGpus, int stepOne, int stepTwo)
    {
        Assert.Equal(stepOne, SuitePlanner.StepOne(maxRequests).Count);
        Assert.Equal(stepTwo, SuitePlanner.StepTwo(maxRequests, maxGpus).Count);
        Assert.Equal(6, SuitePlanner.StepThree(maxRequests, 8).Count);
    }

    [Fact]
    public void Default_plan_matches_the_research_plan()
    {
        Assert.Equal([1_000, 10_000, 100_000, 1_000_000], SuitePlanner.RequestCounts(1_000_000));
        Assert.Equal([500], SuitePlanner.RequestCounts(500));
        var stepOne = SuitePlanner.StepOne(1_000);
        Assert.Equal(
            [
                SchedulerKind.StaticFifo,
                SchedulerKind.DynamicNoBins,
                SchedulerKind.MultiBinDynamic,
                SchedulerKind.MultiBinDynamic,
                SchedulerKind.MultiBinDynamic,
            ],
            stepOne.Select(t => t.Scheduler)
        );
        Assert.Equal([1, 1, 1, 2, 4], stepOne.Select(t => t.Gpus));
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 100], SuitePlanner.StepTwo(10, 100).Select(t => t.Gpus));
        Assert.Equal([1, 2, 4, 8, 16, 32], SuitePlanner.StepThree(10, 8).Select(t => t.K));
    }

    [Fact]
    public void Shards_partition_the_test_list()
    {
        var shards = Enumerable.Range(1, 3).Select(i => Enumerable.Range(0, 34).Where(t => SuitePlanner.InShard(t, (i, 3))).ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 34), shards.SelectMany(s => s).Order());
        Assert.All(shards, s => Assert.InRange(s.Length, 11, 12));
    }

    [Fact]
    public void Best_gpu_count_comes_from_the_flag_then_the_store_then_the_fallback()
    {
        var rows = new[] { Row(1, 10.0), Row(4, 30.0), Row(8, 30.0), Row(2, 20.0) };
        Assert.Equal(16, SuitePlanner.BestGpuCount(16, rows).Gpus);
        Assert.Equal(4, SuitePlanner.BestGpuCount(null, rows).Gpus); // ties: fewer GPUs
        var (fallback, reason) = SuitePlanner.BestGpuCount(null, []);
        Assert.Equal(32, fallback);
        Assert.Contains("no Step 2 results", reason);
        Assert.Equal(2, SuitePlanner.BestGpuCount(null, [Row(2, 5.0), Row(4, 50.0, failed: true)]).Gpus);
    }

    [Fact]
    public void The_knee_is_the_fewest_gpus_within_ten_percent_violation_where_best_capacity_takes_the_most_capacity()
    {
        // Capacity keeps growing with GPUs (the best is 100), while violation drops under 10 % at 8 GPUs already.
        var rows = new[]
        {
            Row(1, 2.0, violation: 0.9),
            Row(2, 4.0, violation: 0.6),
            Row(4, 7.0, violation: 0.2),
            Row(8, 9.0, violation: 0.10),
            Row(16, 9.5, violation: 0.02),
            Row(100, 9.9, violation: 0.0),
        };
        Assert.Equal(100, SuitePlanner.StepThreeGpuCount(KSweepRule.BestCapacity, null, rows).Gpus);
        var (knee, reason) = SuitePlanner.StepThreeGpuCount(KSweepRule.Knee, null, rows);
        Assert.Equal(8, knee); // 0.10 is "at most 10 %"
        Assert.Contains("knee", reason);
        Assert.Equal(16, SuitePlanner.StepThreeGpuCount(KSweepRule.Knee, 16, rows).Gpus); // a given count wins
        // Seeds average: 4 GPUs at 0.05 and 0.13 (mean 0.09) is the knee.
        Assert.Equal(
            4,
            SuitePlanner.KneeGpuCount([.. rows.Where(r => r.Get<int>("num_gpus") != 4), Row(4, 7.0, violation: 0.05), Row(4, 7.0, violation: 0.13)]).Gpus
        );
        // Nobody within 10 %: the lowest violation, fewer GPUs on ties; no rows at all: the fallback.
        Assert.Equal(4, SuitePlanner.KneeGpuCount([Row(1, 1, violation: 0.5), Row(4, 1, violation: 0.3), Row(8, 1, violation: 0.3)]).Gpus);
        Assert.Equal(SuitePlanner.FallbackGpuCount, SuitePlanner.KneeGpuCount([]).Gpus);
    }

    [Fact]
    public void The_grid_is_requests_by_gpus_by_k_and_the_compare_step_four_methods_per_size()
    {
        var grid = SuitePlanner.GridTests(1_000_000, 100);
        Assert.Equal(4 * 8 * 6, grid.Count);
        Assert.All(grid, t => Assert.Equal(SchedulerKind.MultiBinDynamic, t.Scheduler));
        Assert.Equal(grid.Count, grid.Distinct().Count());
        Assert.Equal(2 * 3 * 6, SuitePlanner.GridTests(10_000, 4).Count); // 1K, 10K x 1, 2, 4 GPUs x 6 K
        Assert.Equal(192, SuitePlanner.PlannedCount(SuiteStep.Grid, 1_000_000, 100));

        // Without grid rows the optimal configuration falls back to 1 GPU, K = 8; with them, it is the grid's.
        var compare = SuitePlanner.CompareTests(10_000, []);
        Assert.Equal(8, compare.Count);
        Assert.Equal(
            ["static_fifo 1 8", "dynamic_no_bins 1 8", "multi_bin_dynamic 1 8", "multi_bin_dynamic 1 8"],
            compare.Take(4).Select(t => $"{t.Scheduler.Name} {t.Gpus} {t.K}")
        );
        var rows = new[] { GridRow(1000, 1, 4, 0.3), GridRow(1000, 2, 1, 0.06), GridRow(1000, 2, 4, 0.04), GridRow(1000, 4, 1, 0.0) };
        var optimal = SuitePlanner.CompareTests(1000, rows)[3];
        Assert.Equal((2, 4), (optimal.Gpus, optimal.K));
        Assert.Equal(SuitePlanner.PlannedCount(SuiteStep.Compare, 10_000, 4), compare.Count);
    }

    [Fact]
    public void The_optimal_configuration_is_the_fewest_gpus_within_five_percent_else_the_lowest_violation()
    {
        // 2 GPUs qualify with K = 8 (0.03) and K = 2 (0.05, at the bound): the lower violation wins; 4 GPUs are not needed.
        var optimal = SuitePlanner.Optimal([GridRow(1000, 1, 8, 0.2), GridRow(1000, 2, 2, 0.05), GridRow(1000, 2, 8, 0.03), GridRow(1000, 4, 1, 0.0)])!;
        Assert.Equal((2, 8, false), (optimal.Gpus, optimal.K, optimal.Fallback));
        // Ties in violation at the same GPU count: the smaller K. Seeds are averaged per cell (K = 8: 0.02 and 0.10 give 0.06, so it loses).
        Assert.Equal(2, SuitePlanner.Optimal([GridRow(1000, 1, 4, 0.04), GridRow(1000, 1, 2, 0.04), GridRow(1000, 1, 8, 0.02), GridRow(1000, 1, 8, 0.10)])!.K);
        // Nothing qualifies: the lowest violation overall, flagged as a fallback; no rows: none.
        var fallback = SuitePlanner.Optimal([GridRow(1000, 1, 1, 0.5), GridRow(1000, 8, 4, 0.2), GridRow(1000, 4, 2, 0.2)])!;
        Assert.Equal((4, 2, true), (fallback.Gpus, fallback.K, fallback.Fallback));
        Assert.Null(SuitePlanner.Optimal([]));
    }

    private static ResultRow GridRow(int n, int gpus, int k, double violation)
    {
        var values = new object?[ResultSchema.Columns.Count];
        values[ResultSchema.IndexOf("test_key")] = $"g{n}-{gpus}-{k}-{violation}";
        values[ResultSchema.IndexOf("step")] = SuiteStep.Grid;
        values[ResultSchema.IndexOf("num_requests_requested")] = n;
        values[ResultSchema.IndexOf("num_gpus")] = gpus;
        values[ResultSchema.IndexOf("k_bins")] = k;
        values[ResultSchema.IndexOf("sla_violation_rate")] = violation;
        values[ResultSchema.IndexOf("status")] = ResultRow.Success;
        return new ResultRow(values);
    }

    private static ResultRow Row(int gpus, double capacity, bool failed = false, double? violation = null)
    {
        var values = new object?[ResultSchema.Columns.Count];
        values[ResultSchema.IndexOf("test_key")] = $"k{gpus}";
        values[ResultSchema.IndexOf("step")] = 2;
        values[ResultSchema.IndexOf("num_gpus")] = gpus;
        values[ResultSchema.IndexOf("capacity_qps_under_sla")] = failed ? null : capacity;
        values[ResultSchema.IndexOf("sla_violation_rate")] = failed ? null : violation;
        values[ResultSchema.IndexOf("status")] = failed ? ResultRow.Failed : ResultRow.Success;
        return new ResultRow(values);
    }
}
