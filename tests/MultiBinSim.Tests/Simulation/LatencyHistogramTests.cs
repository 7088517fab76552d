using FsCheck.Xunit;
using MathNet.Numerics.Statistics;
using MultiBinSim.Metrics;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// The streaming histogram's percentiles are within its stated relative error of the exact ones; counts and extremes are exact; merging is adding.
/// </summary>
public class LatencyHistogramTests
{
    /// <summary>Positive values over many orders of magnitude (1e-6 s to 1e6 s), with repeats.</summary>
    private static double[] Values(int[] raw) => raw.Select(r => Math.Pow(10, (Math.Abs(r) % 12_000) / 1000.0 - 6) * (1 + (r & 7) / 8.0)).ToArray();

    [Property(MaxTest = 200)]
    public bool Percentiles_are_within_the_stated_relative_error(int[] raw, byte tauByte)
    {
        var values = Values(raw);
        if (values.Length == 0)
        {
            return true;
        }

        var histogram = new LatencyHistogram();
        foreach (double v in values)
        {
            histogram.Add(v);
        }

        foreach (double tau in new[] { 0.5, 0.95, 0.99, tauByte / 255.0 })
        {
            double exact = ArrayStatistics.QuantileCustomInplace((double[])values.Clone(), tau, QuantileDefinition.R7);
            double streamed = histogram.Quantile(tau);
            if (Math.Abs(streamed - exact) > LatencyHistogram.RelativeError * exact * (1 + 1e-12))
            {
                return false;
            }
        }

        return histogram.Count == values.Length && histogram.Max == values.Max() && histogram.Min == values.Min() && histogram.Quantile(1.0) == values.Max();
    }

    [Property(MaxTest = 100)]
    public bool Merging_two_histograms_equals_one_histogram_of_both(int[] first, int[] second)
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var both = new LatencyHistogram();
        foreach (double v in Values(first))
        {
            a.Add(v);
            both.Add(v);
        }

        foreach (double v in Values(second))
        {
            b.Add(v);
            both.Add(v);
        }

        a.Merge(b);
        return a.Count == both.Count
            && (both.Count == 0 || (a.Min == both.Min && a.Max == both.Max && new[] { 0.1, 0.5, 0.9, 0.99 }.All(t => a.Quantile(t) == both.Quantile(t))));
    }

    [Fact]
    public void A_value_just_above_a_power_of_two_reads_within_the_bound()
    {
        // A value just above a power of two sits in the widest bucket relative to itself: still within the bound.
        var histogram = new LatencyHistogram();
        foreach (double v in new[] { 1.0, 1.0 + 1e-9, 1.0 + 1e-9, 2.0 })
        {
            histogram.Add(v);
        }

        double median = histogram.OrderStatistic(1);
        Assert.InRange(Math.Abs(median - (1.0 + 1e-9)) / (1.0 + 1e-9), 0, LatencyHistogram.RelativeError);
        Assert.NotEqual(1.0 + 1e-9, median); // read from the bucket, not kept
    }

    [Fact]
    public void Zero_and_tiny_values_read_as_the_exact_minimum()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(0.0);
        histogram.Add(0.0);
        histogram.Add(1e-15);
        histogram.Add(3.0);
        Assert.Equal(0.0, histogram.OrderStatistic(1));
        Assert.Equal(0.0, histogram.Quantile(0.5));
        Assert.Equal(3.0, histogram.Quantile(1.0));
    }
}
