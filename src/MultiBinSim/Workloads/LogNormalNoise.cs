using System.Runtime.CompilerServices;

namespace MultiBinSim.Workloads;

/// <summary>
/// The first n log-normal factors exp(mean + sigma Z) of NumPy's legacy stream for a seed: exactly what n calls of
/// <see cref="NumpyLegacyRandom.NextLogNormal"/> on a fresh generator return, computed in two passes.
/// <para>
/// The polar method (NumPy's <c>legacy_gauss</c>) turns one accepted pair of uniforms (x1, x2) into two normals:
/// f x2 first, then the cached f x1, with f = sqrt(-2 ln r2 / r2). Only the acceptance test has to follow the stream
/// in order, so a sequential pass draws the accepted pairs (Mersenne Twister words and a comparison), and a parallel
/// pass evaluates, pair by pair, the same expressions <see cref="NumpyLegacyRandom.NextGaussian"/> and
/// <c>NextLogNormal</c> evaluate (logarithm, square root, exponential: most of the cost). Every factor depends on its own
/// pair alone, so the factors are the same, bit for bit, for any number of cores.
/// </para>
/// </summary>
public static class LogNormalNoise
{
    private const int PairsPerTask = 1 << 14;

    /// <summary>exp(mean + sigma Z_i) for i = 0 .. <paramref name="count"/> - 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Draw(uint seed, int count, double mean, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var factors = new double[count];
        var rng = new NumpyLegacyRandom(seed);
        int fullPairs = count / 2;
        for (int k = 0; k < fullPairs; k++)
        {
            rng.NextPolarPair(out double x1, out double x2);
            factors[2 * k] = x2; // the pair's first normal is f x2, its cached second f x1
            factors[(2 * k) + 1] = x1;
        }

        if (count % 2 == 1)
        {
            factors[count - 1] = rng.NextLogNormal(mean, sigma); // the last pair's spare is never used
        }

        if (fullPairs <= PairsPerTask)
        {
            Transform(factors, 0, fullPairs, mean, sigma);
        }
        else
        {
            int tasks = (fullPairs + PairsPerTask - 1) / PairsPerTask;
            Parallel.For(0, tasks, t => Transform(factors, t * PairsPerTask, Math.Min(fullPairs, (t + 1) * PairsPerTask), mean, sigma));
        }

        return factors;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transform(double[] factors, int fromPair, int toPair, double mean, double sigma)
    {
        for (int k = fromPair; k < toPair; k++)
        {
            double x2 = factors[2 * k],
                x1 = factors[(2 * k) + 1];
            double f = NumpyLegacyRandom.PolarFactor(x1, x2);
            factors[2 * k] = Math.Exp(mean + sigma * (f * x2));
            factors[(2 * k) + 1] = Math.Exp(mean + sigma * (f * x1));
        }
    }
}
