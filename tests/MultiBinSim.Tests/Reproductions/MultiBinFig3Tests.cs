using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Reproductions;
using static MultiBinSim.Tests.Reproductions.ReproductionTestHelpers;

namespace MultiBinSim.Tests.Reproductions;

public class MultiBinFig3Tests
{
    [Fact]
    public void Theorem_4_2_gives_the_plateaus_quoted_for_figure_3()
    {
        // B = 128, l_min = 1, l_max = 20: the values the issue quotes, to the printed precision.
        double[] quoted = [6.45, 8.43, 9.40, 9.97, 10.35];
        for (int k = 1; k <= 5; k++)
        {
            Assert.Equal(quoted[k - 1], TheoryValidation.Throughput(k, 128, 1, 20), 2);
        }

        // k = 1 by hand: E[max of 128 uniform on [1, 20]] = 1 + 19 * 128/129.
        Assert.Equal(128 / (1 + 19 * 128.0 / 129), TheoryValidation.Throughput(1, 128, 1, 20), 12);
    }

    [Fact]
    public void Quick_run_plateaus_match_theorem_4_2_and_low_rates_are_carried()
    {
        var result = new MultiBinFig3().Run(Quick());
        var table = result.Series;
        foreach (int k in MultiBinFig3.Ks)
        {
            var rows = RowsWhere(table, "k", k).OrderBy(r => Get<double>(table, r, "arrival_rate")).ToArray();
            double plateau = Get<double>(table, rows[^1], "throughput_mean");
            double theorem = TheoryValidation.Throughput(k, 128, 1, 20);
            Assert.Equal(MultiBinFig3.PlateauRate, Get<double>(table, rows[^1], "arrival_rate"));
            Assert.True(Math.Abs(plateau - theorem) / theorem < 0.01, $"k={k}: plateau {plateau}, Theorem 4.2 {theorem}");
            // Below capacity the server keeps up: throughput = arrival rate, up to the last batch's latency and the Poisson
            // process's own spread (1/sqrt(128,000) = 0.3 %).
            double low = Get<double>(table, rows[0], "throughput_mean");
            Assert.InRange(low / Get<double>(table, rows[0], "arrival_rate"), 0.98, 1.01);
        }

        Assert.Equal(5, result.Comparisons.Count);
        Assert.True(result.AllWithinTolerance);
    }
}
