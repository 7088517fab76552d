using MathNet.Numerics.Statistics;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

public class SyntheticBurstGptTests
{
    private static readonly Lazy<Trace> Generated = new(() => SyntheticBurstGpt.Generate(300_000));

    [Fact]
    public void Is_deterministic_labelled_synthetic_and_prefix_stable()
    {
        var a = SyntheticBurstGpt.Generate(5_000);
        var b = SyntheticBurstGpt.Generate(5_000);
        Assert.True(a.IsSynthetic);
        Assert.Contains("synthetic", a.Source);
        Assert.Equal(a.Timestamps, b.Timestamps);
        Assert.Equal(a.RequestTokens, b.RequestTokens);
        Assert.Equal(a.ResponseTokens, b.ResponseTokens);
        Assert.Equal(a.Timestamps, Generated.Value.Timestamps.Take(5_000));
        Assert.NotEqual(a.RequestTokens, SyntheticBurstGpt.Generate(5_000, seed: 1).RequestTokens);
    }

    [Fact]
    public void Timestamps_are_whole_sorted_seconds_at_the_full_traces_mean_rate()
    {
        var t = Generated.Value.Timestamps;
        Assert.All(t, x => Assert.Equal(Math.Floor(x), x));
        Assert.True(t.Zip(t.Skip(1)).All(p => p.First <= p.Second));
        double rate = t.Length / (t[^1] - t[0]);
        Assert.InRange(rate, 0.27 * 0.85, 0.27 * 1.15);
    }

    [Fact]
    public void Arrivals_are_bursty_and_diurnal()
    {
        var t = Generated.Value.Timestamps;
        var gaps = t.Zip(t.Skip(1), (a, b) => b - a).ToArray();
        double cv = gaps.StandardDeviation() / gaps.Mean();
        Assert.True(cv > 1.5, $"inter-arrival CV {cv:F2} should be well above a Poisson process's 1");
        var perHour = new double[24];
        foreach (double x in t)
        {
            perHour[(int)(x / 3600 % 24)]++;
        }

        Assert.True(perHour.Max() / perHour.Min() > 5, "the hour-of-day profile should have a strong peak and trough");
    }

    [NeedsSharedData]
    [Fact]
    public void Token_lengths_match_the_genuine_burstgpt_slice()
    {
        string path = SharedData.RequireFile("data/traces/burstgpt_1_first7days.csv");
        var real = BurstGptReader.Read(path);
        var synthetic = Generated.Value;
        AssertClose("request tokens", real.RequestTokens, synthetic.RequestTokens);
        AssertClose("response tokens", real.ResponseTokens, synthetic.ResponseTokens);
        double realZero = real.ResponseTokens.Count(x => x == 0) / (double)real.Count;
        double synZero = synthetic.ResponseTokens.Count(x => x == 0) / (double)synthetic.Count;
        Assert.InRange(synZero, realZero - 0.005, realZero + 0.005);
    }

    private static void AssertClose(string what, int[] real, int[] synthetic)
    {
        var r = real.Select(x => (double)x).ToArray();
        var s = synthetic.Select(x => (double)x).ToArray();
        Assert.True(Math.Abs(s.Mean() / r.Mean() - 1) < 0.03, $"{what}: mean {s.Mean():F1} vs real {r.Mean():F1}");
        foreach (double tau in new[] { 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            double rq = r.QuantileCustom(tau, QuantileDefinition.Nearest),
                sq = s.QuantileCustom(tau, QuantileDefinition.Nearest);
            Assert.True(Math.Abs(sq - rq) <= Math.Max(3, 0.05 * rq), $"{what}: q{tau} {sq} vs real {rq}");
        }
    }
}
