using MultiBinSim.Errors;
using MultiBinSim.Simulation.Continuous;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>
/// vLLM v1's scheduler (<c>--policy vllm-v1</c>) in closed form: one token budget shared by decodes and prefill chunks,
/// KV blocks allocated per chunk, no watermark. Step times are dyadic so every expected time is exact.
/// </summary>
public class VllmV1Tests
{
    private static readonly ContinuousOptions V1 = new()
    {
        Policy = ContinuousPolicy.VllmV1,
        StepModel = Linear(0.25, 0, 0, 0),
        KvBlocks = 1000,
        BlockSize = 1,
        MaxNumSeqs = 8,
        MaxBatchedTokens = 16,
    };

    [Fact]
    public void A_prompt_longer_than_the_budget_is_prefilled_in_budget_sized_chunks()
    {
        // 40 prompt tokens, budget 16: chunks 16, 16, 8, each iteration 0.25 s + 1/1024 s per prefill token.
        var options = V1 with { StepModel = Linear(0.25, 0, 1.0 / 1024, 0) };
        var result = Run(Requests((0, 40, 3)), options);
        double ttft = 3 * 0.25 + 40.0 / 1024;
        Assert.Equal(ttft, result.Continuous!.FirstToken[0]);
        Assert.Equal(ttft + 2 * 0.25, result.Continuous.Completion[0]);
        Assert.Equal(5, result.Metrics.NumIterations);
    }

    [Fact]
    public void A_split_step_model_charges_its_prefill_base_and_squared_chunk_lengths_on_prefill_iterations_only()
    {
        // Chunks 16, 16, 8: each prefill iteration adds 1/8 s and chunk^2 / 2^20 s; the two decodes cost the base alone.
        var model = Linear(0.25, 0, 0, 0) with { PrefillBase = 0.125, PerPrefillTokenSquared = 1.0 / (1 << 20) };
        var result = Run(Requests((0, 40, 3)), V1 with { StepModel = model });
        double ttft = 3 * (0.25 + 0.125) + (16.0 * 16 + 16 * 16 + 8 * 8) / (1 << 20);
        Assert.Equal(ttft, result.Continuous!.FirstToken[0]);
        Assert.Equal(ttft + 2 * 0.25, result.Continuous.Completion[0]);
    }

    [Fact]
    public void Decodes_and_prefill_chunks_share_one_token_budget()
    {
        // A decodes from 0.25 on. B (31 prompt tokens) arrives at 0.25: each iteration gives A's decode one token of the
        // budget of 16 and B a chunk of 15: 15, 15, 1, so B's first token ends the third iteration (with a budget for
        // prefill alone, 16 + 15 would take two).
        var result = Run(Requests((0, 1, 100), (0.25, 31, 2)), V1);
        Assert.Equal(0.25, result.Continuous!.FirstToken[0]);
        Assert.Equal(1.0, result.Continuous.FirstToken[1]);
        var sarathi = Run(Requests((0, 1, 100), (0.25, 31, 2)), V1 with { Policy = ContinuousPolicy.Sarathi, ChunkSize = 16 });
        Assert.Equal(1.0, sarathi.Continuous!.FirstToken[1]);
        var budgetForPrefillOnly = Run(Requests((0, 1, 100), (0.25, 31, 2)), V1 with { MaxBatchedTokens = 17 });
        Assert.Equal(0.75, budgetForPrefillOnly.Continuous!.FirstToken[1]);
    }

    [Fact]
    public void Kv_blocks_are_allocated_per_chunk_not_for_the_whole_prompt_at_admission()
    {
        // Block size 1, budget 16: a 40-token prompt holds 16, 32, 40 blocks at the starts of its three prefill iterations
        // (the series samples each boundary after its admissions; the two decodes form one stretch, sampled before its
        // first new block); vLLM v0 takes all 40 at admission.
        var v1 = Run(Requests((0, 40, 3)), V1 with { KvSeriesReplica = 0 });
        Assert.Equal([16L, 32L, 40L, 40L], v1.Continuous!.KvSeries.Select(s => s.UsedBlocks));
        Assert.Equal(42.0 / 1000, v1.Metrics.MaxKvUtilization);
        var v0 = Run(Requests((0, 40, 3)), V1 with { Policy = ContinuousPolicy.Vllm, MaxBatchedTokens = null, KvSeriesReplica = 0 });
        Assert.Equal(40L, v0.Continuous!.KvSeries[0].UsedBlocks);
    }

    [Fact]
    public void There_is_no_watermark_a_request_may_use_every_block()
    {
        // prompt 6 + 4 more stored tokens = exactly the 10 blocks: v1 serves it; v0 keeps 1 % free and rejects it.
        var options = V1 with { KvBlocks = 10 };
        var v1 = Run(Requests((0, 6, 5)), options);
        Assert.Equal(1, v1.Metrics.NumCompleted);
        Assert.Equal(1.0, v1.Metrics.MaxKvUtilization);
        Assert.Equal(1, Run(Requests((0, 6, 5)), options with { Policy = ContinuousPolicy.Vllm }).Metrics.NumRejected);
        Assert.Equal(1, Run(Requests((0, 6, 6)), options).Metrics.NumRejected);
    }

    [Fact]
    public void Preemption_recomputes_and_the_preempted_request_is_scheduled_again()
    {
        // Two requests of 4 + 20 tokens on 30 blocks: both fit alone, not together. The one scheduled last (B) is preempted
        // when the cache is full, A finishes, then B recomputes its prompt and generated tokens: every token exactly once.
        var result = Run(Requests((0, 4, 20), (0, 4, 20)), V1 with { KvBlocks = 30 });
        Assert.Equal(2, result.Metrics.NumCompleted);
        Assert.Equal(0, result.Continuous!.Preemptions[0]);
        Assert.Equal(1, result.Continuous.Preemptions[1]);
        Assert.True(result.Continuous.Completion[1] > result.Continuous.Completion[0]);
        var oracle = Oracle.ContinuousOracle.Run(Requests((0, 4, 20), (0, 4, 20)), Config(V1 with { KvBlocks = 30 }));
        Assert.Equal(40, oracle.OutputTokensProduced);
        Assert.Equal(result.Continuous.Completion, oracle.Completion);
    }

    [Fact]
    public void The_budget_must_hold_every_running_sequence_as_vllm_requires()
    {
        var config = Config(V1 with { MaxNumSeqs = 32, MaxBatchedTokens = 16 });
        var e = Assert.Throws<ConfigurationException>(config.Validate);
        Assert.Contains(e.Errors, x => x.Property == "Continuous.MaxBatchedTokens" && x.Message.Contains("max-num-seqs", StringComparison.Ordinal));
        Config(V1 with { MaxNumSeqs = 2048, MaxBatchedTokens = null }).Validate();
        Assert.Throws<ConfigurationException>(Config(V1 with { MaxNumSeqs = 2049, MaxBatchedTokens = null }).Validate);
    }

    [Fact]
    public void Every_registered_policy_admission_order_and_router_has_a_unique_name()
    {
        Assert.Equal(ContinuousPolicies.Names.Count, ContinuousPolicies.Names.Distinct().Count());
        Assert.Equal(AdmissionOrders.Names.Count, AdmissionOrders.Names.Distinct().Count());
        Assert.Equal(ReplicaRouters.Names.Count, ReplicaRouters.Names.Distinct().Count());
        Assert.Same(ContinuousPolicy.VllmV1, ContinuousPolicies.TryParse("VLLM-V1"));
        Assert.Null(ContinuousPolicies.TryParse("vllm-v2"));
    }
}
