using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous.Dynamic;

/// <summary>Dynamic batching on the continuous engine: where the controller settles, and the memory bound.</summary>
public class DynamicBatchingEngineTests
{
    /// <summary>Every iteration the controller saw: step time, decode and prefill batch, and the max-num-seqs it returned.</summary>
    private sealed class Recorder(IBatchSizeController inner) : IBatchSizeController
    {
        public List<(double Step, int Decode, int Prefill, int Result)> Steps { get; } = [];

        public void Completed(int prompt, int output) => inner.Completed(prompt, output);

        public int AfterIteration(double stepTime, int decodeBatch, int prefillBatch, int decoding, int prefillPending)
        {
            int b = inner.AfterIteration(stepTime, decodeBatch, prefillBatch, decoding, prefillPending);
            Steps.Add((stepTime, decodeBatch, prefillBatch, b));
            return b;
        }
    }

    private static Recorder Run(Workload workload, ContinuousOptions options)
    {
        Recorder? recorder = null;
        var run = new ContinuousRun(workload, ContinuousScenario.Config(options), recordTimeline: false, (_, c) => recorder = new Recorder(c));
        run.Execute();
        return recorder!;
    }

    /// <summary>All at time 0: prompt 32, outputs uniform on 1..600 (seeded), so completions are spread out.</summary>
    private static Workload Saturating(int n)
    {
        var random = new Random(11);
        var output = Enumerable.Range(0, n).Select(_ => random.Next(1, 601)).ToArray();
        return Workload.FromColumns(new double[n], Enumerable.Repeat(32, n).ToArray(), output, output);
    }

    /// <summary>
    /// tau(b) = 30 ms + 0.22 ms b and D_SLA = 50 ms +/- 5 ms: in the saturated middle of the run the decode batch stays
    /// where tau is inside the band, b in [(45 - 30) / 0.22, (55 - 30) / 0.22] = [68.2, 113.6] (b = 90.9 at D_SLA).
    /// </summary>
    [Fact]
    public void Settles_where_the_decode_step_meets_the_sla_band()
    {
        var options = new ContinuousOptions
        {
            StepModel = PangStepTime.Model,
            KvBlocks = 1_000_000,
            MaxNumSeqs = 256,
            SloTpot = 0.050,
            Batching = BatchingMode.Dynamic,
        };
        var steps = Run(Saturating(2000), options).Steps.Where(s => s.Prefill == 0 && s.Decode > 0).ToList();
        var middle = steps.Skip(steps.Count * 3 / 10).Take(steps.Count * 4 / 10).ToList();
        double inBand = middle.Count(s => s.Step is >= 0.045 and <= 0.055) / (double)middle.Count;
        double meanBatch = middle.Average(s => s.Decode);
        Assert.True(inBand >= 0.9, $"only {inBand:P1} of the middle decode steps inside 50 +/- 5 ms");
        Assert.InRange(meanBatch, 68.2, 113.6);
        Assert.True(middle.All(s => Math.Abs(s.Step - (0.030 + 0.00022 * s.Decode)) < 1e-12), "decode step = pang tau(b)");

        // The fixed baseline at max-num-seqs 256 decodes at tau(256) = 86.3 ms, far outside the band.
        var fixedRun = ContinuousScenario.Run(Saturating(2000), options with { Batching = BatchingMode.Fixed });
        Assert.True(fixedRun.Metrics.P50Tbt > 0.080, $"fixed median TBT {fixedRun.Metrics.P50Tbt}");
    }

    /// <summary>
    /// Constant lengths (prompt 100, output 100, sigma = 0) and 8,000 one-token blocks: b_mem = 8,000 / 200 = 40. Before
    /// the first completion Algorithm 1 has no statistics (vLLM's own limits admit 79, then preempt); once the controller
    /// has set 40 (b_mem, with at most 40 decoding) no iteration runs more than 40 again, although the SLA (10 s) would
    /// allow B_max = 256.
    /// </summary>
    [Fact]
    public void Never_exceeds_the_memory_bound_once_it_applies()
    {
        const int n = 400;
        var ones = Enumerable.Repeat(100, n).ToArray();
        var options = new ContinuousOptions
        {
            StepModel = PangStepTime.Model,
            KvBlocks = 8_000,
            BlockSize = 1,
            MaxNumSeqs = 256,
            SloTpot = 10,
            Batching = BatchingMode.Dynamic,
        };
        var steps = Run(Workload.FromColumns(new double[n], ones, ones, ones), options).Steps;
        int first = steps.FindIndex(s => s.Result == 40);
        Assert.True(first >= 0);
        var after = steps.Skip(first + 1).ToList(); // the iterations run under that decision
        Assert.All(after, s => Assert.True(s.Decode + s.Prefill <= 40, $"batch {s.Decode} + {s.Prefill} > 40"));
        Assert.All(after, s => Assert.Equal(40, s.Result));
        Assert.Contains(after, s => s.Decode == 40);
        Assert.Contains(steps, s => s.Decode > 40); // the bound is binding: without it more would run
    }
}
