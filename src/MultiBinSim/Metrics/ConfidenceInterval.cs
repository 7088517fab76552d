using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace MultiBinSim.Metrics;

/// <summary>Mean, sample standard deviation and a Student-t confidence interval of a handful of per-seed values.</summary>
public readonly record struct ConfidenceInterval(int Count, double Mean, double StandardDeviation, double HalfWidth)
{
    public double Lower => Mean - HalfWidth;

    public double Upper => Mean + HalfWidth;

    /// <summary>
    /// The t-interval mean ± t(1 - (1 - level)/2, n - 1) · s / sqrt(n). With one value the deviation and half-width are
    /// NaN: one seed says nothing about the spread.
    /// </summary>
    public static ConfidenceInterval Of(IReadOnlyList<double> values, double level = 0.95)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("A confidence interval needs at least one value.");
        }

        double mean = values.Mean();
        if (values.Count == 1)
        {
            return new ConfidenceInterval(1, mean, double.NaN, double.NaN);
        }

        double sd = values.StandardDeviation();
        double t = StudentT.InvCDF(0, 1, values.Count - 1, 1 - (1 - level) / 2);
        return new ConfidenceInterval(values.Count, mean, sd, t * sd / Math.Sqrt(values.Count));
    }
}
