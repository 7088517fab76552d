using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace MultiBinSim.Latency;

/// <summary>The result of fitting a <see cref="LatencyModel"/> to a calibration grid.</summary>
public sealed record LatencyFit(LatencyModel Model, double RSquared, int Points, string Source)
{
    public const double AlphaMin = 0.001,
        AlphaMax = 1.0;
    public const double BetaMin = 1e-5,
        BetaMax = 0.01;
    public const double GammaMin = 0.0,
        GammaMax = 2.0;

    /// <summary>The fit of the calibration grid at <paramref name="path"/>, or of the shipped default grid when it is null.</summary>
    public static LatencyFit FromCalibration(string? path) =>
        path is null ? Fit(CalibrationGrid.LoadDefault(), CalibrationGrid.DefaultLabel) : Fit(CalibrationGrid.Load(path), path);

    /// <summary>
    /// Least-squares fit of alpha, beta, gamma within their bounds. The model is linear in (alpha, beta, beta * gamma),
    /// so an exact QR solve comes first; only if that lands outside the bounds does a bounded BFGS refine it.
    /// </summary>
    public static LatencyFit Fit(IReadOnlyList<CalibrationPoint> points, string source)
    {
        int n = points.Count;
        var design = Matrix<double>.Build.Dense(n, 3);
        var observed = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            var p = points[i];
            double b = p.BatchSize,
                l = p.MaxSequenceLength;
            design[i, 0] = 1.0;
            design[i, 1] = l;
            design[i, 2] = l * (b - 1.0) / b;
            observed[i] = p.MeanLatencySeconds;
        }

        var c = design.QR().Solve(observed);
        double alpha = c[0],
            beta = c[1],
            gamma = beta != 0 ? c[2] / beta : 0.0;
        var model = new LatencyModel(alpha, beta, gamma);
        if (!InBounds(model))
        {
            model = BoundedRefine(points, Clamp(model));
        }

        return new LatencyFit(model, RSquaredOf(points, model), n, source);
    }

    public static double RSquaredOf(IReadOnlyList<CalibrationPoint> points, LatencyModel model)
    {
        double mean = points.Average(p => p.MeanLatencySeconds);
        double residual = 0,
            total = 0;
        foreach (var p in points)
        {
            double e = p.MeanLatencySeconds - model.ServiceTime(p.BatchSize, p.MaxSequenceLength);
            residual += e * e;
            double d = p.MeanLatencySeconds - mean;
            total += d * d;
        }

        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - residual / total;
    }

    private static bool InBounds(LatencyModel m) =>
        m.Alpha is >= AlphaMin and <= AlphaMax && m.Beta is >= BetaMin and <= BetaMax && m.Gamma is >= GammaMin and <= GammaMax;

    private static LatencyModel Clamp(LatencyModel m) =>
        new(
            Math.Clamp(double.IsFinite(m.Alpha) ? m.Alpha : AlphaMin, AlphaMin, AlphaMax),
            Math.Clamp(double.IsFinite(m.Beta) ? m.Beta : BetaMin, BetaMin, BetaMax),
            Math.Clamp(double.IsFinite(m.Gamma) ? m.Gamma : GammaMin, GammaMin, GammaMax)
        );

    private static LatencyModel BoundedRefine(IReadOnlyList<CalibrationPoint> points, LatencyModel start)
    {
        // Parameters are rescaled to order 1 so the optimizer's tolerances mean the same for all three.
        var scale = Vector<double>.Build.DenseOfArray([AlphaMax, BetaMax, GammaMax]);
        double Sse(Vector<double> x)
        {
            double a = x[0] * scale[0],
                b = x[1] * scale[1],
                g = x[2] * scale[2],
                sum = 0;
            foreach (var p in points)
            {
                double bs = p.BatchSize;
                double e = a + b * p.MaxSequenceLength * (1 + g * (bs - 1) / bs) - p.MeanLatencySeconds;
                sum += e * e;
            }

            return sum;
        }

        Vector<double> Gradient(Vector<double> x)
        {
            double a = x[0] * scale[0],
                b = x[1] * scale[1],
                g = x[2] * scale[2];
            double ga = 0,
                gb = 0,
                gg = 0;
            foreach (var p in points)
            {
                double bs = p.BatchSize,
                    f = (bs - 1) / bs,
                    l = p.MaxSequenceLength;
                double e = a + b * l * (1 + g * f) - p.MeanLatencySeconds;
                ga += 2 * e;
                gb += 2 * e * l * (1 + g * f);
                gg += 2 * e * b * l * f;
            }

            return Vector<double>.Build.DenseOfArray([ga * scale[0], gb * scale[1], gg * scale[2]]);
        }

        var objective = ObjectiveFunction.Gradient(Sse, Gradient);
        var lower = Vector<double>.Build.DenseOfArray([AlphaMin / AlphaMax, BetaMin / BetaMax, GammaMin / GammaMax]);
        var upper = Vector<double>.Build.DenseOfArray([1.0, 1.0, 1.0]);
        var x0 = Vector<double>.Build.DenseOfArray([start.Alpha / scale[0], start.Beta / scale[1], start.Gamma / scale[2]]);
        var result = new BfgsBMinimizer(1e-15, 1e-15, 1e-15, 10_000).FindMinimum(objective, lower, upper, x0);
        var x = result.MinimizingPoint;
        return new LatencyModel(x[0] * scale[0], x[1] * scale[1], x[2] * scale[2]);
    }
}
