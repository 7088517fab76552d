using MultiBinSim.Simulation.Continuous;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Each policy's admission rules. Step times are dyadic so every expected time is exact.</summary>
public class PolicyAdmissionTests
{
    private static readonly ContinuousOptions QuarterSecond = new() { StepModel = Linear(0.25, 0, 0, 0), KvBlocks = 1000 };

    [Fact]
    public void Vllm_keeps_one_percent_of_the_blocks_free_when_it_admits()
    {
        // 100 blocks of 1 token: A takes 50. B with 49 leaves 1 = the watermark (admitted together); B with 50 leaves 0 (waits for A).
        var options = QuarterSecond with { KvBlocks = 100, BlockSize = 1 };
        var together = Run(Requests((0, 50, 1), (0, 49, 1)), options).Continuous!;
        Assert.Equal(0.25, together.FirstToken[1]);
        var apart = Run(Requests((0, 50, 1), (0, 50, 1)), options).Continuous!;
        Assert.Equal(0.5, apart.FirstToken[1]);
    }

    [Fact]
    public void Vllm_admits_while_running_stays_within_max_num_seqs()
    {
        var t = Run(Requests((0, 4, 2), (0, 4, 3), (0, 4, 2)), QuarterSecond with { MaxNumSeqs = 2 }).Continuous!;
        // A and B prefill together [0, .25], decode [.25, .5]: A completes; C is admitted at .5 (prefill-only, B waits).
        Assert.Equal([0.25, 0.25, 0.75], t.FirstToken);
        Assert.Equal(0.5, t.Completion[0]);
        Assert.Equal(1.0, t.Completion[1]);
        Assert.Equal(1.0, t.Completion[2]);
    }

    [Fact]
    public void Vllm_limits_the_prompt_tokens_of_an_iteration_and_stops_at_the_first_request_that_does_not_fit()
    {
        // Limit 100: A (60) is admitted; B (60) would exceed it and C (10), behind B, is not considered (FCFS stops at B).
        var t = Run(Requests((0, 60, 2), (0, 60, 2), (0, 10, 2)), QuarterSecond with { MaxBatchedTokens = 100 }).Continuous!;
        Assert.Equal(0.25, t.FirstToken[0]);
        Assert.Equal(0.5, t.FirstToken[1]); // B and C together (70 tokens) in the prefill-only iteration [.25, .5]
        Assert.Equal(0.5, t.FirstToken[2]);
        Assert.Equal(0.75, t.Completion[0]); // A's decode waited for that prefill-only iteration
    }

    [Fact]
    public void Sarathi_fills_a_chunk_budget_after_the_decodes_and_never_stalls_them()
    {
        // Budget 8 with one decode leaves 7 prefill tokens per iteration: B's 20-token prompt takes chunks 7, 7, 6.
        // Iteration time .25 + tokens / 64. A decodes in every iteration (no prefill-only stall).
        var options = QuarterSecond with { Policy = ContinuousPolicy.Sarathi, ChunkSize = 8, StepModel = Linear(0.25, 0, 1.0 / 64, 0) };
        var t = Run(Requests((0, 4, 10), (0.1, 20, 2)), options).Continuous!;
        double aFirst = 0.25 + 4.0 / 64;
        double bFirst = aFirst + (0.25 + 7.0 / 64) * 2 + 0.25 + 6.0 / 64;
        Assert.Equal(aFirst, t.FirstToken[0]);
        Assert.Equal(bFirst, t.FirstToken[1], 12);
        Assert.Equal(bFirst + 0.25, t.Completion[1], 12);
        // A's 9 decode iterations: 3 carried B's chunks, 1 carried B's decode, 5 were alone.
        Assert.Equal(bFirst + 0.25 * 6, t.Completion[0], 12);
    }

    [Fact]
    public void Orca_mixes_prefill_with_decodes_and_reserves_prompt_plus_output_blocks()
    {
        // Mixed: B's prefill runs in the same iteration as A's decode, so A's tokens come every .25 s.
        var mixed = Run(Requests((0, 4, 10), (0.1, 4, 2)), QuarterSecond with { Policy = ContinuousPolicy.Orca }).Continuous!;
        Assert.Equal(0.5, mixed.FirstToken[1]);
        Assert.Equal(0.25 + 9 * 0.25, mixed.Completion[0]);

        // Reservation: 10 blocks of 10 tokens; A and B each reserve 6 (prompt 30 + output 30): B waits for A although its prompt would fit.
        var reserved = Run(Requests((0, 30, 30), (0, 30, 30)), QuarterSecond with { Policy = ContinuousPolicy.Orca, KvBlocks = 10, BlockSize = 10 });
        Assert.Equal(30 * 0.25, reserved.Continuous!.Completion[0]);
        Assert.Equal(30 * 0.25 + 0.25, reserved.Continuous.FirstToken[1]);
        Assert.Equal(0, reserved.Metrics.NumPreemptions);
        Assert.Equal(0.6, reserved.Metrics.MaxKvUtilization!.Value, 12);
    }

    [Fact]
    public void Static_admits_a_batch_together_and_nothing_joins_until_all_of_it_finishes()
    {
        var t = Run(Requests((0, 4, 2), (0, 4, 5), (0.1, 4, 1)), QuarterSecond with { Policy = ContinuousPolicy.Static, MaxNumSeqs = 2 }).Continuous!;
        Assert.Equal(0.5, t.Completion[0]);
        Assert.Equal(1.25, t.Completion[1]);
        Assert.Equal(1.5, t.FirstToken[2]); // C waits although A left at .5
        Assert.Equal(1.5, t.Completion[2]);
    }

    [Fact]
    public void Preempted_requests_return_to_the_front_of_the_waiting_queue()
    {
        // A and B (prompt 40, output 40) fill the 100 one-token blocks; B is preempted at 2.75 (11 tokens). C arrives at
        // 2.8 and would fit, but waits behind B (FCFS stops at B, which needs 51 blocks). When A completes at 10, B and C
        // are admitted together: C's first token comes with B's recomputed 12th token.
        var options = new ContinuousOptions
        {
            StepModel = Linear(0.25, 0, 0, 0),
            KvBlocks = 100,
            BlockSize = 1,
        };
        var t = Run(Requests((0, 40, 40), (0, 40, 40), (2.8, 5, 5)), options).Continuous!;
        Assert.Equal([0, 1, 0], t.Preemptions);
        Assert.Equal(10.0, t.Completion[0]);
        Assert.Equal(10.25, t.FirstToken[2]);
        Assert.Equal(10.25 + 28 * 0.25, t.Completion[1]);
    }
}
