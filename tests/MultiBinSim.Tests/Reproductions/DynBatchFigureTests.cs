using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Reproductions;

/// <summary>The dynamic-batching figures: their workloads and the checkable numbers of Figure 3.</summary>
public class DynBatchFigureTests
{
    [Theory]
    [InlineData(61.5)]
    [InlineData(447.5)]
    [InlineData(256.6)]
    public void Geometric_lengths_have_the_papers_mean(double mean)
    {
        // 1 + floor(Exp(scale)) with scale = 1 / ln(1 + 1 / (m - 1)) is geometric on 1, 2, ... with mean m and
        // standard deviation sqrt(m (m - 1)); 200,000 draws put the sample mean within 4 standard errors.
        var lengths = DynBatchSetup.GeometricLengths(200_000, mean, new NumpyLegacyRandom(7));
        double se = Math.Sqrt(mean * (mean - 1) / lengths.Length);
        Assert.InRange(lengths.Average(), mean - 4 * se, mean + 4 * se);
        Assert.True(lengths.Min() >= 1);
    }

    [Fact]
    public void Figure_3_quick_is_within_its_tolerances()
    {
        var result = new DynBatchFig3().Run(new ReproductionOptions { Quick = true, Parallelism = 1 });
        Assert.True(result.AllWithinTolerance, string.Join("\n", result.Comparisons.Select(c => c.Describe())));
        var fixedRows = result.Series.Where<string>("kind", k => k == "fixed").ToList();
        int b = result.Series.IndexOf("batch_size"),
            sim = result.Series.IndexOf("decode_throughput"),
            closed = result.Series.IndexOf("closed_form_throughput");
        Assert.All(fixedRows, r => Assert.Equal((double)r[closed]!, (double)r[sim]!, 6));
        Assert.Equal(400 / (0.030 + 0.00022 * 400), (double)fixedRows.Last()[closed]!, 9);
        Assert.Equal(400.0, (double)fixedRows.Last()[b]!);
    }

    [Fact]
    public void The_three_figures_are_registered()
    {
        Assert.Contains("dynbatch-fig3", MultiBinSim.Experiments.Reproductions.Reproductions.Names);
        Assert.Contains("dynbatch-capacity", MultiBinSim.Experiments.Reproductions.Reproductions.Names);
        Assert.Contains("dynbatch-static", MultiBinSim.Experiments.Reproductions.Reproductions.Names);
    }
}
