using MultiBinSim.Storage;
using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;

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
        Assert.Equal([SchedulerKind.StaticFifo, SchedulerKind.DynamicNoBins, SchedulerKind.MultiBinDynamic, SchedulerKind.MultiBinDynamic, SchedulerKind.MultiBinDynamic],
            stepOne.Select(t => t.Scheduler));
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
        var rows = new[] { Row(1, 2.0, violation: 0.9), Row(2, 4.0, violation: 0.6), Row(4, 7.0, violation: 0.2), Row(8, 9.0, violation: 0.10),
            Row(16, 9.5, violation: 0.02), Row(100, 9.9, violation: 0.0) };
        Assert.Equal(100, SuitePlanner.StepThreeGpuCount(KSweepRule.BestCapacity, null, rows).Gpus);
        var (knee, reason) = SuitePlanner.StepThreeGpuCount(KSweepRule.Knee, null, rows);
        Assert.Equal(8, knee); // 0.10 is "at most 10 %"
        Assert.Contains("knee", reason);
        Assert.Equal(16, SuitePlanner.StepThreeGpuCount(KSweepRule.Knee, 16, rows).Gpus); // a given count wins
        // Seeds average: 4 GPUs at 0.05 and 0.13 (mean 0.09) is the knee.
        Assert.Equal(4, SuitePlanner.KneeGpuCount([.. rows.Where(r => r.Get<int>("num_gpus") != 4), Row(4, 7.0, violation: 0.05), Row(4, 7.0, violation: 0.13)]).Gpus);
        // Nobody within 10 %: the lowest violation, fewer GPUs on ties; no rows at all: the fallback.
        Assert.Equal(4, SuitePlanner.KneeGpuCount([Row(1, 1, violation: 0.5), Row(4, 1, violation: 0.3), Row(8, 1, violation: 0.3)]).Gpus);
        Assert.Equal(SuitePlanner.FallbackGpuCount, SuitePlanner.KneeGpuCount([]).Gpus);
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
