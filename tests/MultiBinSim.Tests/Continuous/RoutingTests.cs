using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous.Oracle;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Replica routing: each rule and its tie-breaking (lowest replica id).</summary>
public class RoutingTests
{
    private static readonly ContinuousOptions QuarterSecond = new()
    {
        StepModel = Linear(0.25, 0, 0, 0),
        KvBlocks = 1000,
        BlockSize = 16,
    };

    [Fact]
    public void Round_robin_sends_the_ith_accepted_request_to_replica_i_mod_g_skipping_rejected_ones()
    {
        var options = QuarterSecond with { KvBlocks = 10 };
        // Request 2 cannot fit 10 blocks of 16 tokens and is rejected without taking a turn.
        var t = Run(Requests((0, 4, 2), (0, 4, 2), (0, 500, 2), (0, 4, 2), (0, 4, 2)), options, gpus: 3).Continuous!;
        Assert.Equal([0, 1, RequestTimeline.Rejected, 2, 0], t.Replica);
    }

    [Fact]
    public void Least_outstanding_picks_the_replica_with_fewest_waiting_plus_running_ties_to_the_lowest_id()
    {
        var options = QuarterSecond with { Routing = ReplicaRouting.LeastOutstanding };
        // All at 0: 0 (tie), 1, 0 (tie 1-1), 1. At 0.6 A (output 2) has finished on replica 0: 0 has 1, 1 has 2 -> 0.
        var t = Run(Requests((0, 4, 2), (0, 4, 50), (0, 4, 50), (0, 4, 50), (0.6, 4, 2)), options, gpus: 2).Continuous!;
        Assert.Equal([0, 1, 0, 1, 0], t.Replica);
        var later = Run(Requests((0, 4, 50), (0, 4, 2), (0.6, 4, 2)), options, gpus: 2).Continuous!;
        Assert.Equal([0, 1, 1], later.Replica);
    }

    [Fact]
    public void Least_kv_picks_the_replica_with_fewest_blocks_in_use_at_the_arrival()
    {
        var options = QuarterSecond with { Routing = ReplicaRouting.LeastKv };
        // A (100-token prompt, 7 blocks) -> 0; B (10 tokens, 1 block) -> 1; C: replica 1 holds fewer blocks -> 1,
        // where least-outstanding would pick 0 (tie at one request each).
        var rows = Requests((0, 100, 50), (0.1, 10, 50), (0.2, 10, 50));
        Assert.Equal([0, 1, 1], Run(rows, options, gpus: 2).Continuous!.Replica);
        Assert.Equal([0, 1, 0], Run(rows, options with { Routing = ReplicaRouting.LeastOutstanding }, gpus: 2).Continuous!.Replica);
        // Ties (nothing in use anywhere) go to the lowest id.
        Assert.Equal([0, 0], Run(Requests((0, 4, 2), (5, 4, 2)), options, gpus: 3).Continuous!.Replica);
    }

    [Fact]
    public void Least_kv_sees_blocks_allocated_by_decode_iterations_already_started_inside_a_stretch()
    {
        // Block size 1: a decoding sequence takes one block per iteration, at the iteration's start.
        // A (prompt 2) -> 0 at t = 0 and holds 2 blocks; B (prompt 6) at 0.1: 2 vs 0 -> 1, prefill [.1, .35].
        // C at 1.3: replica 0 has started decode iterations at .25, .5, .75, 1, 1.25 -> 2 + 5 = 7 blocks;
        // replica 1 at .35, .6, .85, 1.1 -> 6 + 4 = 10 blocks -> C goes to 0 (inside both replicas' decode stretches).
        var options = QuarterSecond with { Routing = ReplicaRouting.LeastKv, BlockSize = 1, KvBlocks = 1000 };
        var rows = Requests((0, 2, 100), (0.1, 6, 100), (1.3, 1, 2));
        var t = Run(rows, options, gpus: 2).Continuous!;
        Assert.Equal([0, 1, 0], t.Replica);
        var oracle = ContinuousOracle.Run(rows, Config(options, gpus: 2));
        Assert.Equal(oracle.Replica, t.Replica);
    }
}
