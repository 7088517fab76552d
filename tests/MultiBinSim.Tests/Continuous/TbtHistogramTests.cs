using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous.Oracle;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>The log-bucketed TBT histogram: quantiles within 0.1 % of the exact nearest-rank order statistic.</summary>
public class TbtHistogramTests
{
    private static double NearestRank(double[] sorted, double q) => sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length)) - 1];

    [Fact]
    public void Quantiles_are_within_a_tenth_of_a_percent_of_the_exact_order_statistic()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 50_000).Select(_ => Math.Exp(random.NextDouble() * 20 - 14)).ToArray();
        var histogram = new TbtHistogram();
        foreach (double v in values)
        {
            histogram.Add(v, 1);
        }

        Array.Sort(values);
        foreach (double q in new[] { 0.001, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0 })
        {
            double exact = NearestRank(values, q);
            Assert.InRange(histogram.Quantile(q), exact * 0.999, exact * 1.001);
        }
    }

    [Fact]
    public void A_series_adds_like_its_terms_one_by_one()
    {
        var series = new TbtHistogram();
        var single = new TbtHistogram();
        series.AddSeries(0.031, 1.7e-6, 100_000, 3);
        for (int j = 0; j < 100_000; j++)
        {
            single.Add(0.031 + 1.7e-6 * j, 3);
        }

        Assert.Equal(single.Count, series.Count);
        foreach (double q in new[] { 0.01, 0.5, 0.77, 0.99 })
        {
            Assert.Equal(single.Quantile(q), series.Quantile(q), 0.031 * 1e-3);
        }
    }

    [Fact]
    public void Engine_tbt_percentiles_match_the_oracles_gaps()
    {
        var random = new Random(4);
        int n = 300;
        var arrivals = new double[n];
        var prompt = new int[n];
        var output = new int[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += random.NextDouble() * 0.05;
            arrivals[i] = t;
            prompt[i] = random.Next(1, 400);
            output[i] = random.Next(1, 300);
        }

        var workload = Workload.FromColumns(arrivals, prompt, output, output);
        foreach (var policy in ContinuousPolicies.All)
        {
            var config = Config(
                new ContinuousOptions
                {
                    Policy = policy,
                    StepModel = Linear(0.02, 3e-4, 2e-5, 3e-7),
                    KvBlocks = 200,
                    MaxNumSeqs = 24,
                },
                gpus: 2
            );
            var m = SimulationEngines.Run(workload, config).Metrics;
            var gaps = ContinuousOracle.Run(workload, config).Gaps.ToArray();
            Array.Sort(gaps);
            Assert.Equal(gaps.Average(), m.AvgTbt!.Value, 9);
            Assert.InRange(m.P50Tbt!.Value, NearestRank(gaps, 0.5) * 0.999, NearestRank(gaps, 0.5) * 1.001);
            Assert.InRange(m.P99Tbt!.Value, NearestRank(gaps, 0.99) * 0.999, NearestRank(gaps, 0.99) * 1.001);
        }
    }
}
