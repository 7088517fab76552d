using MultiBinSim.Experiments.Reproductions;

namespace MultiBinSim.Tests.Reproductions;

/// <summary>The <c>multibin-continuous</c> figure: registered, and its internal-consistency expectation holds.</summary>
public class MultiBinContinuousFigureTests
{
    [Fact]
    public void Quick_figure_has_one_bin_multi_bin_equal_to_fcfs_for_each_policy_and_predictor()
    {
        Assert.Contains(MultiBinSim.Experiments.Reproductions.Reproductions.All, r => r is MultiBinContinuous);
        var result = new MultiBinContinuous().Run(new ReproductionOptions { Quick = true, Parallelism = 2 });

        var policy = result.Series.Column<string>("policy");
        var admission = result.Series.Column<string>("admission");
        var predictor = result.Series.Column<string>("predictor");
        var k = result.Series.Column<int>("k");
        var capacity = result.Series.Column<double>("capacity_rps");
        foreach (string q in new[] { "static", "vllm" })
        {
            foreach (string p in MultiBinContinuous.PredictorNames)
            {
                int fcfs = Enumerable.Range(0, capacity.Count).Single(i => policy[i] == q && predictor[i] == p && admission[i] == "fcfs");
                int oneBin = Enumerable.Range(0, capacity.Count).Single(i => policy[i] == q && predictor[i] == p && admission[i] == "multi-bin" && k[i] == 1);
                Assert.True(capacity[fcfs] > 0);
                Assert.Equal(capacity[fcfs], capacity[oneBin]);
            }
        }

        Assert.True(result.AllWithinTolerance);
        // The gains are the kit's own numbers: no paper value (not an invented 1) and no relative difference.
        var gains = result.Comparisons.Where(c => c.Quantity.Contains("gain", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2 * MultiBinContinuous.Policies.Count * MultiBinContinuous.PredictorNames.Count, gains.Length);
        Assert.All(gains, c => Assert.Null(c.PaperValue));
        Assert.All(gains, c => Assert.Null(c.RelativeDifference));
        Assert.All(gains, c => Assert.Equal(PublishedComparison.NoPublishedValue, c.Verdict));
        // The one-bin consistency rows keep their FCFS reference and are checked.
        Assert.All(result.Comparisons.Except(gains), c => Assert.True(c.WithinTolerance));
    }
}
