using MultiBinSim.Experiments.Reproductions;
using static MultiBinSim.Tests.Reproductions.ReproductionTestHelpers;

namespace MultiBinSim.Tests.Reproductions;

public class MultiBinFig9Tests
{
    [Fact]
    public void Lemma_A_1_boundaries_and_the_exact_batch_time_by_hand()
    {
        double h200 = ExponentialBins.Harmonic(200);
        // k = 1: the maximum of 200 exponentials with mean 10 has mean 10 H_200.
        Assert.Equal(200 / (10 * h200), ExponentialBins.Throughput(1, 200, 10), 9);
        // k = 2: l_1 = (1/mu) log(L_1) = 10 log(H_200); k = 3: l_1 = 10 log(1 + log H_200), l_2 = l_1 + 10 log(H_200).
        Assert.Equal(10 * Math.Log(h200), Assert.Single(ExponentialBins.Boundaries(2, 200, 10)), 9);
        var three = ExponentialBins.Boundaries(3, 200, 10);
        Assert.Equal(10 * Math.Log(1 + Math.Log(h200)), three[0], 9);
        Assert.Equal(three[0] + 10 * Math.Log(h200), three[1], 9);
        // The exact batch time lies below Lemma A.1's upper bound (each bin's batch bounded by its upper boundary).
        double l1 = 10 * Math.Log(h200),
            p1 = 1 - Math.Exp(-l1 / 10);
        Assert.True(ExponentialBins.MeanBatchTime(2, 200, 10) < p1 * l1 + (1 - p1) * (l1 + 10 * h200));
        // The paper's Figure 9a plateaus (read off the plot) are about 3.4, 7.25 and 9.9 for k = 1..3.
        Assert.InRange(ExponentialBins.Throughput(2, 200, 10), 7.1, 7.4);
        Assert.InRange(ExponentialBins.Throughput(3, 200, 10), 9.7, 10.1);
    }

    [Fact]
    public void Lowest_latency_falls_then_rises_with_k_and_plateaus_match_the_exact_throughput()
    {
        var result = new MultiBinFig9().Run(Quick());
        var table = result.Series;
        var lowest = MultiBinFig9.Ks.Select(k => RowsWhere(table, "k", k).Min(r => Get<double>(table, r, "mean_latency"))).ToArray();
        int argmin = Array.IndexOf(lowest, lowest.Min());
        Assert.InRange(MultiBinFig9.Ks[argmin], 2, 3);
        for (int i = 1; i <= argmin; i++)
        {
            Assert.True(lowest[i] < lowest[i - 1], $"falls up to the argmin: {string.Join(", ", lowest)}");
        }

        for (int i = argmin + 1; i < lowest.Length; i++)
        {
            Assert.True(lowest[i] > lowest[i - 1], $"rises after the argmin: {string.Join(", ", lowest)}");
        }

        foreach (int k in MultiBinFig9.Ks)
        {
            var rows = RowsWhere(table, "k", k);
            Assert.Single(rows, r => Get<bool>(table, r, "lowest_latency_of_k"));
            var plateau = rows.Single(r => Get<double>(table, r, "arrival_rate") == MultiBinFig9.PlateauRate);
            double exact = Get<double>(table, plateau, "saturation_throughput");
            Assert.True(Math.Abs(Get<double>(table, plateau, "throughput_mean") - exact) / exact < MultiBinFig9.Tolerance);
        }
    }
}
