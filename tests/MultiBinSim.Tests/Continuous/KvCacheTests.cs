using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous.Oracle;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Paged KV cache: block counts, growth, preemption by recompute, rejection.</summary>
public class KvCacheTests
{
    private static readonly ContinuousOptions QuarterSecond = new() { StepModel = Linear(0.25, 0, 0, 0) };

    [Fact]
    public void Blocks_per_replica_come_from_the_memory_model_unless_given()
    {
        // (12 - 2 - 1) GB / (5e-6 GB per token * 16 tokens) = 112,500 blocks.
        Assert.Equal(112_500, new ContinuousOptions().ResolveKvBlocks(GpuMemoryModel.Default));
        Assert.Equal(56_250, new ContinuousOptions { BlockSize = 32 }.ResolveKvBlocks(GpuMemoryModel.Default));
        Assert.Equal(7, new ContinuousOptions { KvBlocks = 7 }.ResolveKvBlocks(GpuMemoryModel.Default));
    }

    [Fact]
    public void A_sequence_holds_ceil_context_over_block_size_blocks_growing_while_it_decodes()
    {
        // Prompt 5, block size 4: the prefill holds ceil(5/4) = 2 blocks; the 5 decode iterations store contexts
        // 6, 7, 8, 9, 10 and hold 2, 2, 2, 3, 3 blocks. Utilization per iteration over 100 blocks.
        var m = Run(Requests((0, 5, 6)), QuarterSecond with { KvBlocks = 100, BlockSize = 4 }).Metrics;
        Assert.Equal(6, m.NumIterations);
        Assert.Equal(0.03, m.MaxKvUtilization!.Value, 12);
        Assert.Equal((2 + 2 + 2 + 2 + 3 + 3) / 6.0 / 100, m.AvgKvUtilization!.Value, 12);
    }

    [Fact]
    public void The_kv_series_records_one_replica_at_every_segment_start()
    {
        var config = Config(QuarterSecond with { KvBlocks = 100, BlockSize = 4, KvSeriesReplica = 1 }, gpus: 2);
        var result = SimulationEngines.Run(Requests((0, 5, 6), (0, 9, 2)), config);
        var series = result.Continuous!.KvSeries;
        Assert.Equal(1, result.Continuous.KvSeriesReplica);
        Assert.Equal(new KvSample(0, 3, 100), series[0]); // the second request, on replica 1: ceil(9/4) blocks
        Assert.All(series, s => Assert.Equal(100, s.TotalBlocks));
    }

    [Fact]
    public void A_decode_lacking_a_block_preempts_the_last_arrived_sequence_which_recomputes_prompt_plus_generated_tokens()
    {
        // Block size 1, 100 blocks. A and B (prompt 40, output 40) are admitted together (60 then 20 blocks left,
        // above the 1-block watermark); 10 decode iterations use the last 20 blocks; the 11th lacks 2, so B (arrived
        // last) is preempted with 11 tokens generated. A finishes alone; then B redoes a 51-token prefill, which gives its
        // 12th token, and decodes 28 more.
        var options = new ContinuousOptions
        {
            StepModel = Linear(0.25, 0, 1.0 / 1024, 0),
            KvBlocks = 100,
            BlockSize = 1,
        };
        var result = Run(Requests((0, 40, 40), (0, 40, 40)), options);
        var t = result.Continuous!;
        double prefill = 0.25 + 80.0 / 1024;
        double preemptedAt = prefill + 10 * 0.25;
        double aDone = preemptedAt + 29 * 0.25;
        double bToken12 = aDone + 0.25 + 51.0 / 1024;
        Assert.Equal(prefill, t.FirstToken[1]);
        Assert.Equal(aDone, t.Completion[0], 12);
        Assert.Equal(bToken12 + 28 * 0.25, t.Completion[1], 12);
        Assert.Equal([0, 1], t.Preemptions);
        Assert.Equal(1, result.Metrics.NumPreemptions);
        Assert.Equal(1.0, result.Metrics.MaxKvUtilization);
        // Tokens: every output token once; the prefill work includes the recomputed 51 tokens.
        var oracle = ContinuousOracle.Run(Requests((0, 40, 40), (0, 40, 40)), Config(options));
        Assert.Equal(80, oracle.OutputTokensProduced);
        Assert.Equal(80 + 51, oracle.PrefillTokensProcessed);
        Assert.Equal(78, oracle.Gaps.Count);
        // B's gap across the preemption: from its 11th token (at the preemption boundary) to the recomputed 12th.
        Assert.Contains(oracle.Gaps, g => Math.Abs(g - (bToken12 - preemptedAt)) < 1e-12);
    }

    [Theory]
    [InlineData("vllm")]
    [InlineData("sarathi")]
    [InlineData("vllm-v1")]
    public void With_a_tight_kv_budget_preemptions_happen_tokens_are_conserved_and_every_request_completes(string policyName)
    {
        var policy = ContinuousPolicies.TryParse(policyName)!;
        var random = new Random(7);
        int n = 400;
        var rows = new (double, int, int)[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += random.NextDouble() * 0.02;
            rows[i] = (t, random.Next(1, 200), random.Next(1, 300));
        }

        var workload = Requests(rows);
        var options = new ContinuousOptions
        {
            Policy = policy,
            StepModel = Linear(0.02, 0.001, 1e-5, 1e-7),
            KvBlocks = 60,
            BlockSize = 16,
            MaxNumSeqs = 16,
        };
        var result = Run(workload, options);
        Assert.True(result.Metrics.NumPreemptions > 10, $"only {result.Metrics.NumPreemptions} preemptions");
        Assert.Equal(n, result.Metrics.NumCompleted + result.Metrics.NumRejected);
        Assert.True(result.Metrics.NumCompleted > n * 0.9);
        var oracle = ContinuousOracle.Run(workload, Config(options));
        long expectedOutput = 0,
            expectedGaps = 0;
        for (int i = 0; i < n; i++)
        {
            if (oracle.Replica[i] >= 0)
            {
                expectedOutput += rows[i].Item3;
                expectedGaps += Math.Max(rows[i].Item3 - 1, 0);
            }
        }

        Assert.Equal(expectedOutput, oracle.OutputTokensProduced);
        Assert.Equal(expectedGaps, oracle.Gaps.Count);
        Assert.True(OracleEquivalenceTests.FastEqualsOracle(workload, Config(options), out string problem), problem);
    }

    [Fact]
    public void A_request_that_can_never_fit_is_rejected_on_arrival()
    {
        // 10 blocks of 16 tokens, watermark 0.1 block: vllm can hold at most 9 blocks = 144 tokens of prompt + output - 1.
        var vllm = new ContinuousOptions
        {
            StepModel = Linear(0.25, 0, 0, 0),
            KvBlocks = 10,
            BlockSize = 16,
        };
        var fits = Run(Requests((0, 100, 45)), vllm);
        Assert.Equal(0, fits.Metrics.NumRejected);
        var tooBig = Run(Requests((0, 100, 46), (1, 10, 10)), vllm);
        Assert.Equal(1, tooBig.Metrics.NumRejected);
        Assert.Equal(RequestTimeline.Rejected, tooBig.Continuous!.Replica[0]);
        Assert.Equal(1, tooBig.Metrics.NumCompleted);

        // orca reserves prompt + output: 160 tokens.
        var orca = vllm with { Policy = ContinuousPolicy.Orca };
        Assert.Equal(0, Run(Requests((0, 100, 60)), orca).Metrics.NumRejected);
        Assert.Equal(1, Run(Requests((0, 100, 61)), orca).Metrics.NumRejected);

        // A prompt (with a possible recompute) beyond max-batched-tokens can never be scheduled by vllm.
        var limited = vllm with { KvBlocks = 1000, MaxBatchedTokens = 50 };
        Assert.Equal(0, Run(Requests((0, 40, 11)), limited).Metrics.NumRejected);
        Assert.Equal(1, Run(Requests((0, 40, 12)), limited).Metrics.NumRejected);
    }
}
