using MultiBinSim.Errors;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous.Oracle;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>
/// Automatic prefix caching (vllm-v1; sarathi with it turned on) in closed form: hits, the one computed token, LRU eviction order, recompute.
/// </summary>
public class PrefixCachingTests
{
    /// <summary>Block size 4, budget 64, 0.25 s per iteration plus 1/1024 s per computed prompt token.</summary>
    private static readonly ContinuousOptions V1 = new()
    {
        Policy = ContinuousPolicy.VllmV1,
        StepModel = Linear(0.25, 0, 1.0 / 1024, 0),
        KvBlocks = 1000,
        BlockSize = 4,
        MaxNumSeqs = 8,
        MaxBatchedTokens = 64,
    };

    private static Workload Grouped((double Arrival, int Prompt, int Output, int Group, int Shared)[] rows) =>
        Requests(rows.Select(r => (r.Arrival, r.Prompt, r.Output)).ToArray())
            .WithPrefixes(PrefixIdentity.Groups(rows.Select(r => r.Group).ToArray(), rows.Select(r => r.Shared).ToArray(), "test"));

    [Fact]
    public void A_later_request_computes_only_what_follows_the_cached_full_blocks_of_its_group()
    {
        // A computes 40 tokens; B shares 32 with it (8 blocks), so it computes 8: TTFT 0.25 + 8/1024.
        var result = Run(Grouped([(0, 40, 2, 0, 32), (10, 40, 2, 0, 32)]), V1);
        Assert.Equal(0.25 + 40.0 / 1024, result.Continuous!.FirstToken[0]);
        Assert.Equal(10 + 0.25 + 8.0 / 1024, result.Continuous.FirstToken[1]);
        Assert.Equal(32.0 / 80, result.Metrics.PrefixCacheHitRate);
        Assert.Equal(48L, result.Metrics.PrefillTokensComputed);
        var off = Run(Grouped([(0, 40, 2, 0, 32), (10, 40, 2, 0, 32)]), V1 with { PrefixCaching = false });
        Assert.Null(off.Metrics.PrefixCacheHitRate);
        Assert.Equal(80L, off.Metrics.PrefillTokensComputed);
    }

    [Fact]
    public void A_fully_cached_prompt_still_computes_its_last_block()
    {
        // 40 shared tokens = 10 full blocks, but at most (40 - 1) / 4 = 9 are reused: the last 4 tokens are computed.
        var result = Run(Grouped([(0, 40, 2, 0, 40), (10, 40, 2, 0, 40)]), V1);
        Assert.Equal(10 + 0.25 + 4.0 / 1024, result.Continuous!.FirstToken[1]);
    }

    [Fact]
    public void Cached_blocks_are_evicted_in_the_order_they_were_freed_a_request_freeing_its_last_block_first()
    {
        // 12 blocks. A (10 prompt blocks, 8 shared) ends holding 11; freed last-first, the queue is
        // [4 plain, shared 7, 6, ..., 0]. C (44 distinct tokens = 11 blocks, one output token) takes the 4 plain blocks
        // and shared blocks 7..1: only block 0 survives, so B reuses 4 tokens and computes 36.
        var rows = Grouped([(0, 40, 2, 0, 32), (1, 44, 1, 1, 0), (2, 40, 2, 0, 32)]);
        var result = Run(rows, V1 with { KvBlocks = 12 });
        Assert.Equal(2 + 0.25 + 36.0 / 1024, result.Continuous!.FirstToken[2]);
        Assert.Equal(4.0 / 124, result.Metrics.PrefixCacheHitRate);
        var oracle = ContinuousOracle.Run(rows, Config(V1 with { KvBlocks = 12 }));
        Assert.Equal(4, oracle.PrefixHitTokens);
    }

    [Fact]
    public void Blocks_in_use_by_a_running_request_are_shared_not_copied()
    {
        // B arrives at 1 while A decodes; it joins at A's next boundary, 0.25 + 40/1024 + 3 x 0.25 = 1.0390625, referencing
        // A's 8 shared blocks: after its admission A holds ceil(43 / 4) = 11 blocks and B only the 2 of its 8 computed
        // tokens (13 in use; 21 had the shared blocks been copied).
        var rows = Grouped([(0, 40, 20, 0, 32), (1, 40, 2, 0, 32)]);
        var result = Run(rows, V1 with { KvSeriesReplica = 0 });
        Assert.Equal(1.0390625 + 0.25 + 8.0 / 1024, result.Continuous!.FirstToken[1]);
        Assert.Equal(13, result.Continuous.KvSeries.Single(s => s.Time == 1.0390625).UsedBlocks);
    }

    /// <summary>vllm-v1's options, and sarathi's with prefix caching turned on (a 64-token chunk, so prefills are chunked).</summary>
    public static TheoryData<string> CachingPolicies() => [.. ContinuousPolicies.All.Where(p => p.SupportsPrefixCaching).Select(p => p.Name)];

    private static ContinuousOptions Caching(string policy) => V1 with { Policy = ContinuousPolicies.TryParse(policy)!, PrefixCaching = true, ChunkSize = 64 };

    [Theory]
    [MemberData(nameof(CachingPolicies))]
    public void Preemption_never_raises_throughput_on_a_cache_friendly_workload_and_every_token_is_produced_once(string policy)
    {
        var options = Caching(policy);
        for (int seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            int n = 40;
            var rows = Enumerable
                .Range(0, n)
                .Select(_ => (Arrival: 0.0, Prompt: random.Next(100, 200), Output: random.Next(20, 120), Group: random.Next(2), Shared: 96))
                .ToArray();
            var workload = Grouped(rows);
            var roomy = Run(workload, options with { KvBlocks = 20_000 });
            var tight = Run(workload, options with { KvBlocks = 160 });
            Assert.Equal(0, roomy.Metrics.NumPreemptions);
            Assert.True(tight.Metrics.NumPreemptions > 0, $"seed {seed}: the tight cache should preempt");
            Assert.True(
                tight.Metrics.ThroughputTokensPerSec <= roomy.Metrics.ThroughputTokensPerSec * (1 + 1e-12),
                $"seed {seed}: {tight.Metrics.ThroughputTokensPerSec} tokens/s with preemption above {roomy.Metrics.ThroughputTokensPerSec} without"
            );
            Assert.Equal(roomy.Metrics.TotalTokens, tight.Metrics.TotalTokens);
            var oracle = ContinuousOracle.Run(workload, Config(options with { KvBlocks = 160 }));
            Assert.Equal(rows.Sum(r => (long)r.Output), oracle.OutputTokensProduced);
            Assert.True(tight.Metrics.PrefillTokensComputed >= roomy.Metrics.PrefillTokensComputed);
            Assert.True(roomy.Metrics.PrefixCacheHitRate > 0, $"seed {seed}: the shared prefixes should hit");
        }
    }

    [Fact]
    public void Prefix_affinity_routes_to_the_replica_holding_the_longest_cached_prefix()
    {
        // A (group 0) and B (group 1) spread over the two replicas (no cache yet: fewest outstanding, lowest id); C (group 0)
        // arrives while A and B run and follows A's cached prefix to replica 0; D (group 2) has no cached prefix anywhere
        // and goes to the replica with fewer outstanding requests (replica 1, since C joined replica 0).
        var rows = Grouped([(0, 40, 50, 0, 32), (0.5, 40, 50, 1, 32), (1, 40, 50, 0, 32), (1.5, 40, 50, 2, 32)]);
        var options = V1 with { Routing = ReplicaRouters.TryParse("prefix-affinity")! };
        var result = Run(rows, options, gpus: 2);
        Assert.Equal([0, 1, 0, 1], result.Continuous!.Replica);
        Assert.Equal(32.0 / 160, result.Metrics.PrefixCacheHitRate);
        var roundRobin = Run(rows, options with { Routing = ReplicaRouting.RoundRobin }, gpus: 2);
        Assert.Equal([0, 1, 0, 1], roundRobin.Continuous!.Replica);

        // Groups 0, 1, 1, 0: round-robin sends each later request to the other group's replica (no hit); affinity to its own.
        var crossed = Grouped([(0, 40, 50, 0, 32), (0.5, 40, 50, 1, 32), (1, 40, 50, 1, 32), (1.5, 40, 50, 0, 32)]);
        Assert.Equal(0.0, Run(crossed, options with { Routing = ReplicaRouting.RoundRobin }, gpus: 2).Metrics.PrefixCacheHitRate);
        var affine = Run(crossed, options, gpus: 2);
        Assert.Equal([0, 1, 1, 0], affine.Continuous!.Replica);
        Assert.Equal(64.0 / 160, affine.Metrics.PrefixCacheHitRate);
    }

    [Fact]
    public void Prefix_caching_is_an_option_error_for_a_policy_that_does_not_implement_it()
    {
        var e = Assert.Throws<ConfigurationException>(Config(V1 with { Policy = ContinuousPolicy.Orca, PrefixCaching = true }).Validate);
        Assert.Contains(e.Errors, x => x.Property == "Continuous.PrefixCaching" && x.Message.Contains("sarathi, vllm-v1", StringComparison.Ordinal));
        Assert.Null(Run(Requests((0, 8, 2)), V1 with { Policy = ContinuousPolicy.Orca }).Metrics.PrefixCacheHitRate);
    }

    [Fact]
    public void Sarathi_caches_prefixes_only_when_asked()
    {
        // Off by default (its earlier numbers stand); on, B reuses A's 8 shared blocks and computes 8 of its 40 tokens.
        var rows = Grouped([(0, 40, 2, 0, 32), (10, 40, 2, 0, 32)]);
        var sarathi = V1 with { Policy = ContinuousPolicy.Sarathi, ChunkSize = 64 };
        var off = Run(rows, sarathi);
        Assert.Null(off.Metrics.PrefixCacheHitRate);
        Assert.Equal(80L, off.Metrics.PrefillTokensComputed);
        var on = Run(rows, sarathi with { PrefixCaching = true });
        Assert.Equal(10 + 0.25 + 8.0 / 1024, on.Continuous!.FirstToken[1]);
        Assert.Equal(32.0 / 80, on.Metrics.PrefixCacheHitRate);
        Assert.Equal(48L, on.Metrics.PrefillTokensComputed);
    }

    [Fact]
    public void The_shared_prefix_model_is_seeded_and_shares_floor_of_the_fraction()
    {
        int[] prompt = [10, 101, 7, 64];
        var a = PrefixIdentity.SharedPrefixModel(prompt, 0.5, 3, seed: 7).Blocks(1);
        var b = PrefixIdentity.SharedPrefixModel(prompt, 0.5, 3, seed: 7).Blocks(1);
        Assert.Equal([5, 50, 3, 32], Enumerable.Range(0, 4).Select(a.Shared));
        Assert.Equal(Enumerable.Range(0, 4).Select(r => a.Node(r, 0)), Enumerable.Range(0, 4).Select(r => b.Node(r, 0)));
        var options = new WorkloadOptions { PrefixShare = 1.5, PrefixGroups = 0 };
        var e = Assert.Throws<ConfigurationException>(options.Validate);
        Assert.Equal(["PrefixGroups", "PrefixShare"], e.Errors.Select(x => x.Property).Order());
    }
}
