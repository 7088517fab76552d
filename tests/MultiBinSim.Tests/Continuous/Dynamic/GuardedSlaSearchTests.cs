using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous.Dynamic;

/// <summary>
/// The guarded SLA search (<c>--batch-sla-search guarded</c>) step by step and on the engine against the closed form
/// b_SLA = max { b : tau(b) &lt;= D_SLA } of a linear step time, beside the published Algorithm 2 on the same scenario.
/// </summary>
public class GuardedSlaSearchTests
{
    private const double Base = 0.030,
        PerSeq = 0.00022,
        DSla = 0.050,
        Eps = 0.005;

    private static double Tau(int b) => Base + PerSeq * b;

    /// <summary>The largest b with tau(b) &lt;= D_SLA, by search (not by the guard's own formula): 90 (tau = 49.8 ms; 91 gives 50.02 ms).</summary>
    private static int LargestMeetingSla()
    {
        int b = 0;
        while (Tau(b + 1) <= DSla)
        {
            b++;
        }

        return b;
    }

    private static SlaBatchSizeSearch Guarded() => new(DSla, Eps, alpha: 4, delta: 2, minBatch: 1, maxBatch: 256, SlaSearchMode.Guarded);

    [Fact]
    public void Starts_at_one_probe_step_instead_of_B_max()
    {
        var s = Guarded();
        Assert.Equal((1, 256, 2, 2), (s.Low, s.High, s.Probe, s.Current)); // p = max(1, floor(4 / 2)) = 2
        Assert.Equal(1, new SlaBatchSizeSearch(DSla, Eps, 0, 2, 1, 256, SlaSearchMode.Guarded).Current); // p = max(1, 0)
        Assert.Equal(5, new SlaBatchSizeSearch(DSla, Eps, 4, 2, 5, 256, SlaSearchMode.Guarded).Current); // at least B_min
        Assert.Equal(256, new SlaBatchSizeSearch(DSla, Eps, 4, 2, 1, 256).Current); // paper: B_max
        Assert.True(double.IsNaN(s.Slope));
    }

    [Fact]
    public void Scripted_steps_follow_the_guarded_rule()
    {
        var s = Guarded();
        // (observed step, batch b, decoding N^d) -> expected (b_low, b_high) of Algorithm 2, guard, b_SLA
        var script = new (double Tau, int Batch, int Decoding, int Low, int High, int Guard, int B)[]
        {
            // fast: low = min(2, 256 - 4) = 2, high = min(256 + 2, 256) = 256, midpoint 129 (the paper's next round);
            // no slope yet and tau <= D_SLA: guard = 2 + p = 4; b_SLA = min(129, 4) = 4
            (Tau(2), 2, 2, 2, 256, 4, 4),
            // fast: low = 4, high = 256, midpoint 130; slope (tau(4) - tau(2)) / 2 = 0.22 ms:
            // guard = 4 + floor((50 - 30.88) / 0.22) = 4 + floor(86.9) = 90 = the closed form; b_SLA = 90
            (Tau(4), 4, 4, 4, 256, 90, 90),
            // in band (49.8 ms): high = 92, low = 88, midpoint 90; guard = 90 + floor(0.2 / 0.22) = 90
            (Tau(90), 90, 90, 88, 92, 90, 90),
            // same batch again: the secant keeps its reference (b' = 4); nothing moves
            (Tau(90), 90, 90, 88, 92, 90, 90),
            // 92 running (say the paper had admitted them; the clamp never preempts), 50.24 ms > D_SLA but in band:
            // high = 94, low = 90, midpoint 92; guard = 92 + floor(-0.24 / 0.22) = 92 - 2 = 90; line 15: max(90, N^d 92) = 92
            (Tau(92), 92, 92, 90, 94, 90, 92),
            // 88 after completions (49.36 ms, in band): high = 90, low = 86, midpoint 88 binds below the guard
            // 88 + floor(0.64 / 0.22) = 90; b_SLA = 88
            (Tau(88), 88, 88, 86, 90, 90, 88),
            // a slower step at a smaller batch (60 ms at 80: slope < 0, no usable secant): too slow, so
            // high = max(80, 86 + 4) = 90, low = max(86 - 2, 1) = 84, midpoint 87; guard = 80 - p = 78; max(78, N^d 70) = 78
            (0.060, 80, 70, 84, 90, 78, 78),
        };
        for (int i = 0; i < script.Length; i++)
        {
            var (tau, batch, decoding, low, high, guard, b) = script[i];
            int got = s.Update(tau, batch, decoding);
            Assert.True(
                (low, high, guard, b) == (s.Low, s.High, s.Guard, got),
                $"step {i + 1}: expected [{low}, {high}] guard {guard} b = {b}, got [{s.Low}, {s.High}] guard {s.Guard} b = {got}"
            );
            Assert.Equal(got, s.Current);
        }
    }

    [Fact]
    public void Guard_stays_within_B_min_and_B_max()
    {
        var s = new SlaBatchSizeSearch(DSla, Eps, alpha: 4, delta: 2, minBatch: 3, maxBatch: 50, SlaSearchMode.Guarded);
        s.Update(Tau(3), 3, 3);
        Assert.Equal(5, s.Guard); // 3 + p
        s.Update(Tau(5), 5, 5); // secant: 5 + floor((50 - 31.1) / 0.22) = 90 > B_max
        Assert.Equal(50, s.Guard);
        s.Update(1.0, 4, 0); // secant through (5, 31.1 ms) and (4, 1 s) has slope < 0: too slow, 4 - p = 2 < B_min
        Assert.Equal(3, s.Guard);
        Assert.Equal(3, s.Current);
    }

    [Fact]
    public void Paper_mode_ignores_the_guard()
    {
        var paper = new SlaBatchSizeSearch(DSla, Eps, alpha: 4, delta: 2, minBatch: 1, maxBatch: 256);
        Assert.Equal(129, paper.Update(Tau(2), 2, 2));
        Assert.Equal(130, paper.Update(Tau(4), 4, 4));
    }

    /// <summary>Prompt 1, output 1,000, one request every 25 ms, tau(b) = 30 ms + 0.22 ms b (no prefill or KV term), B_max 400.</summary>
    private static Workload Stream(int n)
    {
        var arrivals = Enumerable.Range(0, n).Select(i => 0.025 * i).ToArray();
        var outputs = Enumerable.Repeat(1000, n).ToArray();
        return Workload.FromColumns(arrivals, Enumerable.Repeat(1, n).ToArray(), outputs, outputs);
    }

    private static ContinuousOptions StreamOptions(SlaSearchMode mode) =>
        new()
        {
            StepModel = ContinuousScenario.Linear(Base, PerSeq, 0, 0),
            KvBlocks = 1_000_000,
            MaxNumSeqs = 400,
            SloTpot = DSla,
            Batching = BatchingMode.Dynamic,
            Dynamic = new DynamicBatchingOptions { SlaSearch = mode },
        };

    private sealed class Recorder(IBatchSizeController inner) : IBatchSizeController
    {
        public List<(int Decode, int Prefill, int Result)> Steps { get; } = [];

        public void Completed(int prompt, int output) => inner.Completed(prompt, output);

        public int AfterIteration(double stepTime, int decodeBatch, int prefillBatch, int decoding, int prefillPending)
        {
            int b = inner.AfterIteration(stepTime, decodeBatch, prefillBatch, decoding, prefillPending);
            Steps.Add((decodeBatch, prefillBatch, b));
            return b;
        }
    }

    private static List<(int Decode, int Prefill, int Result)> Steps(Workload workload, ContinuousOptions options)
    {
        Recorder? recorder = null;
        new ContinuousRun(workload, ContinuousScenario.Config(options), recordTimeline: false, (_, c) => recorder = new Recorder(c)).Execute();
        return recorder!.Steps;
    }

    /// <summary>
    /// The guarded search never runs more than b_SLA = 90 sequences, settles there (every later decode-only step has
    /// exactly 90), so the decode step is tau(90) = 49.8 ms &lt;= D_SLA; the only requests over the token SLA are those
    /// admitted while the batch ramped up (vLLM runs each admission as a prefill-only iteration that stalls the decodes).
    /// </summary>
    [Fact]
    public void Guarded_settles_at_the_largest_batch_meeting_D_SLA()
    {
        const int n = 2000;
        int bSla = LargestMeetingSla();
        Assert.Equal(90, bSla);
        var workload = Stream(n);
        var steps = Steps(workload, StreamOptions(SlaSearchMode.Guarded));
        Assert.All(steps, s => Assert.True(s.Decode + s.Prefill <= bSla, $"{s.Decode} + {s.Prefill} > {bSla}"));
        var decodeOnly = steps.Where(s => s.Prefill == 0 && s.Decode > 0).ToList();
        var middle = decodeOnly.Skip(decodeOnly.Count / 10).Take(decodeOnly.Count * 8 / 10).ToList();
        Assert.All(middle, s => Assert.Equal(bSla, s.Decode));

        var result = SimulationEngines.Run(workload, ContinuousScenario.Config(StreamOptions(SlaSearchMode.Guarded)));
        var m = result.Metrics;
        Assert.True(m.AvgTpot <= DSla, $"mean TPOT {m.AvgTpot}");
        Assert.True(m.P99Tbt <= DSla, $"p99 TBT {m.P99Tbt}");
        Assert.InRange(m.P99Tbt!.Value, Tau(bSla) * 0.999, Tau(bSla) * 1.001); // the TBT quantile is a sketch estimate
        Assert.Equal(bSla, m.MaxBatchSize);
        var t = result.Continuous!;
        var over = Enumerable.Range(0, n).Where(i => (t.Completion[i] - t.FirstToken[i]) / 999 > DSla).ToList();
        Assert.True(over.All(i => i < bSla), $"requests over the token SLA after the ramp: {string.Join(", ", over.Where(i => i >= bSla).Take(5))}");
        Assert.True(m.TokenSlaViolationRate <= (double)bSla / n, $"token SLA violations {m.TokenSlaViolationRate}");
    }

    /// <summary>
    /// The published search on the same stream: every iteration while the backlog builds admits an arrival, so no
    /// decode-only step is observed and b_SLA stays B_max = 400; the batch overshoots to 400 (tau = 118 ms) and only
    /// completions bring it down. It then settles inside the band above b_SLA (Algorithm 2 accepts any b with
    /// tau(b) &lt;= D_SLA + eps, up to 113), so later requests miss the 50 ms token SLA too.
    /// </summary>
    [Fact]
    public void Paper_overshoots_D_SLA_on_the_same_stream()
    {
        const int n = 2000;
        int bSla = LargestMeetingSla();
        var workload = Stream(n);
        var m = SimulationEngines.Run(workload, ContinuousScenario.Config(StreamOptions(SlaSearchMode.Paper))).Metrics;
        Assert.Equal(400, m.MaxBatchSize);
        Assert.True(m.P99Tbt > DSla + Eps, $"p99 TBT {m.P99Tbt}");
        Assert.True(m.AvgTpot > DSla, $"mean TPOT {m.AvgTpot}");
        Assert.True(m.TokenSlaViolationRate > 0.5, $"token SLA violations {m.TokenSlaViolationRate}");

        var decodeOnly = Steps(workload, StreamOptions(SlaSearchMode.Paper)).Where(s => s.Prefill == 0 && s.Decode > 0).ToList();
        var late = decodeOnly.Skip(decodeOnly.Count / 2).Take(decodeOnly.Count * 4 / 10).ToList();
        double settled = late.Average(s => s.Decode);
        Assert.InRange(settled, bSla + 1, (DSla + Eps - Base) / PerSeq); // above D_SLA, inside the band
    }

    /// <summary>The per-iteration oracle runs the same controller, so guarded dynamic batching must match the fast engine.</summary>
    [Property(MaxTest = 60)]
    public Property Fast_engine_matches_the_oracle_with_the_guarded_search(PositiveInt seed, byte policyIndex, byte routingIndex, byte shape)
    {
        var random = new Random(seed.Get);
        int count = random.Next(1, 80);
        double rate = 0.5 + random.NextDouble() * 60,
            t = 0;
        var arrivals = new double[count];
        var prompt = new int[count];
        var output = new int[count];
        for (int i = 0; i < count; i++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            arrivals[i] = t;
            prompt[i] = random.Next(1, 300);
            output[i] = random.Next(0, 200);
        }

        var options = new ContinuousOptions
        {
            Policy = ContinuousPolicies.All[policyIndex % ContinuousPolicies.All.Count],
            Routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count],
            StepModel = ContinuousScenario.Linear(
                0.01 + random.NextDouble() * 0.02,
                random.NextDouble() * 0.002,
                random.NextDouble() * 1e-5,
                random.NextDouble() * 1e-6
            ),
            KvBlocks = random.Next(3) == 0 ? random.Next(20, 60) : random.Next(60, 2000),
            BlockSize = new[] { 1, 4, 16 }[random.Next(3)],
            MaxNumSeqs = 1 + random.Next(24),
            ChunkSize = 1 + random.Next(400),
            SloTpot = 0.01 + random.NextDouble() * 0.04,
            Batching = BatchingMode.Dynamic,
            Dynamic = new DynamicBatchingOptions
            {
                SlaEpsilon = random.NextDouble() * 0.005,
                Alpha = random.Next(0, 6),
                Delta = random.Next(0, 4),
                MinBatch = 1 + random.Next(2),
                MaxBatch = random.Next(2) == 0 ? null : 2 + random.Next(20),
                SlaSearch = SlaSearchMode.Guarded,
            },
        };
        var workload = Workload.FromColumns(arrivals, prompt, output, output);
        bool ok = OracleEquivalenceTests.FastEqualsOracle(workload, ContinuousScenario.Config(options, 1 + shape % 3), out string problem);
        return ok.Label($"{options} {options.Dynamic}: {problem}");
    }
}
