using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Experiments;
using MultiBinSim.Workloads;
using Plotly.NET;

namespace MultiBinSim.Tests.Research;

public class MultiSeedTests
{
    [Fact]
    public void Student_t_interval_matches_a_hand_computed_one()
    {
        var ci = ConfidenceInterval.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, ci.Mean, 12);
        Assert.Equal(1.0, ci.StandardDeviation, 12);
        Assert.Equal(4.302652729749464 / Math.Sqrt(3), ci.HalfWidth, 9); // t(0.975, 2 df)
        Assert.True(double.IsNaN(ConfidenceInterval.Of([5.0]).HalfWidth));
    }

    [Fact]
    public void Ninety_five_percent_intervals_cover_the_true_mean_about_95_percent_of_the_time()
    {
        var rng = new NumpyLegacyRandom(12345);
        const double trueMean = 10.0;
        int covered = 0,
            trials = 4000;
        for (int t = 0; t < trials; t++)
        {
            var sample = Enumerable.Range(0, 6).Select(_ => trueMean + 2.0 * rng.NextGaussian()).ToArray();
            var ci = ConfidenceInterval.Of(sample);
            covered += ci.Lower <= trueMean && trueMean <= ci.Upper ? 1 : 0;
        }

        Assert.InRange(covered / (double)trials, 0.935, 0.965);
    }

    [Fact]
    public async Task A_suite_with_three_seeds_stores_per_seed_rows_and_summarizes_them()
    {
        using var tmp = new TempFiles();
        var options = SuiteFixture.Small(tmp.Folder, 2) with { Seeds = 3, MaxGpus = 2 };
        Assert.Equal([42, 42 + 1_000_003, 42 + 2_000_006], options.DerivedSeeds);
        var summary = await new SuiteRunner(options).RunAsync();
        var rows = summary.Steps.Single().Rows;
        Assert.Equal(6, rows.Count); // 2 GPU counts x 3 seeds
        Assert.Equal(6, rows.Select(r => r.TestKey).Distinct().Count());
        Assert.Equal(options.DerivedSeeds.Order(), rows.Select(r => r.Get<int>("seed")!.Value).Distinct().Order());

        var stats = SeedSummary.Summarize(rows);
        Assert.Equal(2, stats.Rows.Count);
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(3, (int)stats.Columns["seeds"][i]));
        double mean = rows.Where(r => r.Get<int>("num_gpus") == 1).Average(r => r.Get<double>("sla_violation_rate")!.Value);
        Assert.Equal(mean, (double)stats.Columns["sla_violation_rate_mean"][0], 12);
        Assert.True((double)stats.Columns["sla_violation_rate_ci_low"][0] <= mean && mean <= (double)stats.Columns["sla_violation_rate_ci_high"][0]);

        Assert.Contains("\"sla_violation_rate_ci95_half_width\"", File.ReadAllText(summary.AnalysisPath));
        string chart = GenericChart.toJson(SuiteCharts.GpuScaling(ResultFrames.ToDataFrame(rows), MetricCatalogue.SlaViolationRate));
        Assert.Contains("\"error_y\"", chart);

        // Deterministic per seed: a second run reuses all six, and a fresh folder reproduces them exactly.
        using var again = new TempFiles();
        var rerun = await new SuiteRunner(options with { OutputFolder = again.Folder }).RunAsync();
        Assert.Equal(SuiteFixture.Comparable(rows), SuiteFixture.Comparable(rerun.Steps.Single().Rows));
    }
}
