using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>
/// Multi-bin admission on the continuous engine: two bins split at a predicted output of 5 tokens (bin 0 short, bin 1
/// long), predictions = true outputs, every iteration 0.25 s, so every expected time is exact.
/// </summary>
public class MultiBinAdmissionTests
{
    private static readonly ContinuousOptions QuarterSecond = new()
    {
        StepModel = Linear(0.25, 0, 0, 0),
        KvBlocks = 1000,
        Admission = ContinuousAdmission.MultiBin,
    };

    private static SimulationConfig TwoBins(ContinuousOptions options, BinSelectionPolicy selection) =>
        Config(options) with
        {
            Scheduler = new SchedulerOptions { K = 2, BinPolicy = selection },
            Boundaries = new BinBoundaries([0, 5]),
        };

    private static ContinuousTimeline Timeline(Workload workload, SimulationConfig config) => SimulationEngines.Run(workload, config).Continuous!;

    [Fact]
    public void Static_batches_come_from_one_bin_round_robin_from_bin_zero()
    {
        // Arrival order A(long) B(short) C(long) D(short), two sequences per batch.
        var workload = Requests((0, 4, 8), (0, 4, 1), (0, 4, 8), (0, 4, 1));
        var options = QuarterSecond with { Policy = ContinuousPolicy.Static, MaxNumSeqs = 2 };

        // FCFS: {A, B} runs to A's end at 0.25 + 7 * 0.25 = 2.0, then {C, D} to 4.0.
        var fcfs = Timeline(workload, TwoBins(options with { Admission = ContinuousAdmission.Fcfs }, BinSelectionPolicy.RoundRobin));
        Assert.Equal([2.0, 0.25, 4.0, 2.25], fcfs.Completion);

        // Multi-bin: {B, D} (bin 0) finish together at 0.25; {A, C} (bin 1) prefill at 0.25 and finish together at 2.25.
        var binned = Timeline(workload, TwoBins(options, BinSelectionPolicy.RoundRobin));
        Assert.Equal([2.25, 0.25, 2.25, 0.25], binned.Completion);
        Assert.Equal([0.5, 0.25, 0.5, 0.25], binned.FirstToken);
    }

    [Fact]
    public void Longest_queue_serves_the_fuller_bin_first_and_round_robin_the_next_bin_in_turn()
    {
        // Bin 1 holds A, C, E (long), bin 0 holds B, D (short).
        var workload = Requests((0, 4, 8), (0, 4, 1), (0, 4, 8), (0, 4, 1), (0, 4, 8));
        var options = QuarterSecond with { Policy = ContinuousPolicy.Static, MaxNumSeqs = 2 };

        // Longest queue: {A, C} first (3 > 2), done at 2.0; then bin 0 (2 > 1): {B, D} at 2.25; then {E}: prefill to 2.5, done 4.25.
        var longest = Timeline(workload, TwoBins(options, BinSelectionPolicy.LongestQueue));
        Assert.Equal([2.0, 2.25, 2.0, 2.25, 4.25], longest.Completion);

        // Round robin: bin 0 {B, D} done at 0.25; bin 1 {A, C} done at 2.25; the cursor passes the empty bin 0: {E} done at 4.25.
        var roundRobin = Timeline(workload, TwoBins(options, BinSelectionPolicy.RoundRobin));
        Assert.Equal([2.25, 0.25, 2.25, 0.25, 4.25], roundRobin.Completion);
    }

    [Fact]
    public void A_round_admits_from_one_bin_only_even_with_room_to_spare()
    {
        // vllm with room for 4: the first round takes bin 0's only request B; A and C (bin 1) join at the next boundary.
        var workload = Requests((0, 4, 8), (0, 4, 1), (0, 4, 8));
        var options = QuarterSecond with { MaxNumSeqs = 4 };
        var binned = Timeline(workload, TwoBins(options, BinSelectionPolicy.RoundRobin));
        Assert.Equal([0.5, 0.25, 0.5], binned.FirstToken);
        var fcfs = Timeline(workload, TwoBins(options with { Admission = ContinuousAdmission.Fcfs }, BinSelectionPolicy.RoundRobin));
        Assert.Equal([0.25, 0.25, 0.25], fcfs.FirstToken);
    }

    [Theory]
    [MemberData(nameof(ContinuousScenario.PolicyNames), MemberType = typeof(ContinuousScenario))]
    public void One_bin_is_fcfs_exactly(string policyName)
    {
        var policy = ContinuousPolicies.TryParse(policyName)!;
        var workload = MultiBinSim
            .Experiments.ExperimentContext.Create(new WorkloadOptions { Requests = 3_000, RpsScaling = 400 }, 3_000, null)
            .WorkloadFor(3_000);
        var options = new ContinuousOptions
        {
            Policy = policy,
            KvBlocks = 800,
            MaxNumSeqs = 32,
        };
        var config = Config(options, gpus: 2) with { Scheduler = new SchedulerOptions { K = 1 } };
        var fcfs = SimulationEngines.Run(workload, config, recordTimeline: true);
        var binned = SimulationEngines.Run(
            workload,
            config with
            {
                Continuous = options with { Admission = ContinuousAdmission.MultiBin },
            },
            recordTimeline: true
        );
        Assert.True(
            fcfs.Metrics.NumPreemptions > 0 || policy == ContinuousPolicy.Orca || policy == ContinuousPolicy.Static,
            "the workload should exercise preemption"
        );
        Assert.Equal(fcfs.Continuous!.FirstToken, binned.Continuous!.FirstToken);
        Assert.Equal(fcfs.Continuous.Completion, binned.Continuous.Completion);
        foreach (var metric in Metrics.MetricCatalogue.All.Where(m => !m.IsTiming))
        {
            Assert.Equal(Describe(metric.Read(fcfs.Metrics)), Describe(metric.Read(binned.Metrics)));
        }
    }

    private static string Describe(object? value) =>
        value is IEnumerable<long> list ? string.Join(",", list) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
