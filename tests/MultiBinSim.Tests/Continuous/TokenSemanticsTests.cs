using MultiBinSim.Simulation.Continuous;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Tokens, TTFT, TBT and TPOT as the issue defines them. Step times are dyadic so every expected time is exact.</summary>
public class TokenSemanticsTests
{
    private static readonly ContinuousOptions QuarterSecond = new() { StepModel = Linear(0.25, 0, 0, 0), KvBlocks = 1000 };

    [Fact]
    public void First_token_ends_the_iteration_that_processes_the_last_prompt_token_and_each_later_iteration_adds_one()
    {
        var result = Run(Requests((0, 10, 3)), QuarterSecond);
        var t = result.Continuous!;
        Assert.Equal(0.25, t.FirstToken[0]);
        Assert.Equal(0.75, t.Completion[0]);
        Assert.Equal(0.25, result.Metrics.AvgTtft);
        Assert.Equal(0.25, result.Metrics.AvgTpot);
        Assert.Equal(3, result.Metrics.NumIterations);
        Assert.Equal(0.75, result.Metrics.AvgLatency);
    }

    [Fact]
    public void Sarathi_first_token_comes_with_the_last_prompt_chunk()
    {
        // Chunk budget 4: the 10-token prompt takes chunks 4, 4, 2; the third iteration produces the first token.
        var result = Run(Requests((0, 10, 2)), QuarterSecond with { Policy = ContinuousPolicy.Sarathi, ChunkSize = 4 });
        Assert.Equal(0.75, result.Continuous!.FirstToken[0]);
        Assert.Equal(1.0, result.Continuous.Completion[0]);
    }

    [Theory]
    [MemberData(nameof(ContinuousScenario.PolicyNames), MemberType = typeof(ContinuousScenario))]
    public void Zero_output_requests_complete_when_their_prefill_ends_and_one_output_requests_with_their_first_token(string policyName)
    {
        var policy = ContinuousPolicies.TryParse(policyName)!;
        var result = Run(Requests((0, 8, 0), (1, 8, 1), (2, 8, 2)), QuarterSecond with { Policy = policy });
        var t = result.Continuous!;
        Assert.Equal(0.25, t.Completion[0]);
        Assert.True(double.IsNaN(t.FirstToken[0]));
        Assert.Equal(1.25, t.FirstToken[1]);
        Assert.Equal(1.25, t.Completion[1]);
        Assert.Equal(2.25, t.FirstToken[2]);
        Assert.Equal(2.5, t.Completion[2]);
        // TTFT over requests with a first token; TPOT over requests with >= 2 tokens; one gap in all.
        Assert.Equal(0.25, result.Metrics.AvgTtft);
        Assert.Equal(0.25, result.Metrics.AvgTpot);
        Assert.Equal(0.25, result.Metrics.AvgTbt);
        Assert.Equal(3, result.Metrics.NumCompleted);
    }

    [Fact]
    public void Ttft_tbt_and_tpot_follow_their_definitions_when_a_prefill_only_iteration_stalls_the_decodes()
    {
        // A: prefill [0, .25] -> token 1; decode [.25, .5] -> token 2. B arrives at .3 and is admitted at .5: the
        // prefill-only iteration [.5, .75] stalls A (gap .5) and gives B its first token; [.75, 1] decodes both.
        var result = Run(Requests((0, 4, 3), (0.3, 4, 2)), QuarterSecond);
        var t = result.Continuous!;
        Assert.Equal([0.25, 0.75], t.FirstToken);
        Assert.Equal([1.0, 1.0], t.Completion);
        var m = result.Metrics;
        Assert.Equal((0.25 + 0.45) / 2, m.AvgTtft!.Value, 12);
        Assert.Equal(1.0 / 3, m.AvgTbt!.Value, 12); // gaps .25, .5 (A) and .25 (B)
        Assert.Equal(((1.0 - 0.25) / 2 + 0.25) / 2, m.AvgTpot!.Value, 12);
        Assert.Equal(0.25, m.P50Tbt!.Value, 0.25 * 1e-3);
        Assert.Equal(0.5, m.P99Tbt!.Value, 0.5 * 1e-3);
        Assert.Equal(4, m.NumIterations);
        Assert.Equal(5.0 / 4, m.AvgRunningSequences!.Value, 12); // 1 + 1 + 1 + 2 sequences over 4 iterations
    }

    [Fact]
    public void An_arrival_at_an_iteration_start_joins_it_and_one_just_after_waits_for_the_next()
    {
        var at = Run(Requests((0, 4, 3), (0.25, 4, 2)), QuarterSecond).Continuous!;
        Assert.Equal(0.5, at.FirstToken[1]);
        var after = Run(Requests((0, 4, 3), (Math.BitIncrement(0.25), 4, 2)), QuarterSecond).Continuous!;
        Assert.Equal(0.75, after.FirstToken[1]);
    }

    [Fact]
    public void Slo_attainment_and_goodput_count_requests_meeting_both_ttft_and_tpot()
    {
        // A: TTFT .25, TPOT .375; B: TTFT .45, TPOT .25. With SLO TTFT .3 only A passes TTFT; with TPOT .3 only B passes TPOT.
        var workload = Requests((0, 4, 3), (0.3, 4, 2));
        Assert.Equal(1.0, Run(workload, QuarterSecond with { SloTtft = 1, SloTpot = 1 }).Metrics.SloAttainment);
        Assert.Equal(0.5, Run(workload, QuarterSecond with { SloTtft = 0.3, SloTpot = 1 }).Metrics.SloAttainment);
        Assert.Equal(0.5, Run(workload, QuarterSecond with { SloTtft = 1, SloTpot = 0.3 }).Metrics.SloAttainment);
        var none = Run(workload, QuarterSecond with { SloTtft = 0.3, SloTpot = 0.3 }).Metrics;
        Assert.Equal(0.0, none.SloAttainment);
        var half = Run(workload, QuarterSecond with { SloTtft = 0.3, SloTpot = 1 }).Metrics;
        Assert.Equal(1 / half.TotalTime, half.GoodputRequestsPerSec!.Value, 12);
    }
}
