using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Reproductions.ReproductionTestHelpers;

namespace MultiBinSim.Tests.Reproductions;

public class MultiBinFig8Tests
{
    [Fact]
    public void Error_model_closed_form_reduces_to_theorem_4_2_and_to_no_binning()
    {
        foreach (int k in new[] { 2, 4, 8 })
        {
            Assert.Equal(TheoryValidation.Throughput(k, 128, 1, 20), MispredictionTheory.Throughput(k, 128, 1, 20, 0), 9);
        }

        // k = 2, p_e = 1/2: both bins hold an even mix of both halves, i.e. no binning at all.
        Assert.Equal(TheoryValidation.Throughput(1, 128, 1, 20), MispredictionTheory.Throughput(2, 128, 1, 20, 0.5), 9);
        // Errors only hurt, and more bins stay better at every p_e.
        Assert.True(MispredictionTheory.Throughput(4, 128, 1, 20, 0.1) < MispredictionTheory.Throughput(4, 128, 1, 20, 0.05));
        Assert.True(MispredictionTheory.Throughput(8, 128, 1, 20, 0.3) > MispredictionTheory.Throughput(4, 128, 1, 20, 0.3));
    }

    [Fact]
    public void Misprediction_moves_the_stated_share_to_neighbours_only()
    {
        const int n = 200_000;
        var workload = PaperWorkloads.Uniform(n, 1, 20, null, 7);
        var boundaries = PaperWorkloads.EqualWidth(4, 1, 20);
        var moved = NeighbourBinMisprediction.Apply(workload, boundaries, 0.2, 11);
        var counts = new int[4, 4];
        for (int i = 0; i < n; i++)
        {
            counts[boundaries.Locate(workload.PredictedTokens[i]), boundaries.Locate(moved.PredictedTokens[i])]++;
        }

        for (int from = 0; from < 4; from++)
        {
            double total = Enumerable.Range(0, 4).Sum(to => counts[from, to]);
            for (int to = 0; to < 4; to++)
            {
                double expected = MispredictionTheory.Assignment(to, from, 4, 0.2);
                // Binomial standard error at n/4 = 50,000 is at most 0.0023: allow 5 of them.
                Assert.True(Math.Abs(counts[from, to] / total - expected) < 0.012, $"{from}->{to}: {counts[from, to] / total} vs {expected}");
            }
        }

        Assert.Equal(workload.OutputTokens.ToArray(), moved.OutputTokens.ToArray());
        Assert.Equal(moved.PredictedTokens.ToArray(), NeighbourBinMisprediction.Apply(workload, boundaries, 0.2, 11).PredictedTokens.ToArray());
        Assert.Equal(workload.PredictedTokens.ToArray(), NeighbourBinMisprediction.Apply(workload, boundaries, 0, 11).PredictedTokens.ToArray());
        var error = Assert.Throws<MultiBinSim.Errors.ConfigurationException>(() => NeighbourBinMisprediction.Apply(workload, boundaries, 0.6, 11));
        Assert.Equal("Misprediction.ErrorProbability", Assert.Single(error.Errors).Property);
    }

    [Fact]
    public void Throughput_falls_with_the_error_probability_and_starts_at_the_error_free_value()
    {
        var result = new MultiBinFig8().Run(Quick());
        var table = result.Series;
        foreach (int k in MultiBinFig8.Ks)
        {
            var rows = RowsWhere(table, "k", k).OrderBy(r => Get<double>(table, r, "error_probability")).ToArray();
            var throughput = rows.Select(r => Get<double>(table, r, "throughput_mean")).ToArray();
            for (int i = 1; i < throughput.Length; i++)
            {
                Assert.True(throughput[i] < throughput[i - 1], $"k={k}: throughput must fall with p_e: {string.Join(", ", throughput)}");
            }

            foreach (var row in rows)
            {
                double theory = Get<double>(table, row, "theory_throughput");
                Assert.True(Math.Abs(Get<double>(table, row, "throughput_mean") - theory) / theory < 0.01);
            }
        }

        // k = 8 at p_e = 0 is exactly the error-free run (the transformation changes nothing), averaged over the same seeds.
        var boundaries = PaperWorkloads.EqualWidth(8, 1, 20);
        double errorFree = Enumerable
            .Range(0, 2)
            .Average(seed =>
                PaperWorkloads
                    .Run(
                        PaperWorkloads.Uniform(MultiBinFig8.Requests, 1, 20, null, ReproductionRuns.Seed("multibin-fig8", seed)),
                        PaperWorkloads.Config(boundaries, 128, 1)
                    )
                    .ThroughputRequestsPerSec
            );
        var atZero = RowsWhere(table, "k", 8).Single(r => Get<double>(table, r, "error_probability") == 0);
        Assert.Equal(errorFree, Get<double>(table, atZero, "throughput_mean"), 12);
    }
}
