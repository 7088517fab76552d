using MathNet.Numerics;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// k-bin batching with exponential service times (arXiv 2412.04504, Appendix A.4). Bin boundaries are Lemma A.1's:
/// l_i = (1/mu) sum_{j=1..i} log(L_{k-j}), with L_1 = H_B (the B-th harmonic number) and L_m = 1 + log(L_{m-1}); they
/// minimise the lemma's upper bound on the batch time and are not equal-mass. The mean batch time is computed exactly
/// (not the lemma's bound): a full batch from bin i = [a, b) lasts E[max of B] = b - integral over [a, b] of F(x)^B,
/// F the exponential truncated to [a, b) (numerical integration), and the last bin's batch lasts a + H_B / mu;
/// batches come from bin i in proportion to its mass.
/// </summary>
public static class ExponentialBins
{
    /// <summary>The B-th harmonic number.</summary>
    public static double Harmonic(int b)
    {
        double h = 0;
        for (int j = b; j >= 1; j--)
        {
            h += 1.0 / j;
        }

        return h;
    }

    /// <summary>Lemma A.1's upper boundaries l_1..l_{k-1} (seconds) for rate mu = 1/<paramref name="mean"/>.</summary>
    public static double[] Boundaries(int k, int batchSize, double mean)
    {
        var l = new double[k]; // L_1..L_{k-1} at l[1..k-1]
        if (k > 1)
        {
            l[1] = Harmonic(batchSize);
        }

        for (int m = 2; m < k; m++)
        {
            l[m] = 1 + Math.Log(l[m - 1]);
        }

        var bounds = new double[k - 1];
        double sum = 0;
        for (int i = 1; i < k; i++)
        {
            sum += Math.Log(l[k - i]);
            bounds[i - 1] = mean * sum;
        }

        return bounds;
    }

    /// <summary>The boundaries in tokens (1 ms each) as the batch engine's bins.</summary>
    public static BinBoundaries TokenBoundaries(int k, int batchSize, double mean) => new([0, .. Boundaries(k, batchSize, mean).Select(PaperWorkloads.Tokens)]);

    /// <summary>E[T_batch,k]: the exact mean time of a full batch (seconds).</summary>
    public static double MeanBatchTime(int k, int batchSize, double mean)
    {
        double mu = 1 / mean,
            total = 0,
            lower = 0;
        foreach (double upper in Boundaries(k, batchSize, mean))
        {
            double mass = Math.Exp(-mu * lower) - Math.Exp(-mu * upper);
            double width = 1 - Math.Exp(-mu * (upper - lower));
            double a = lower;
            double integral = Integrate.OnClosedInterval(x => Math.Pow((1 - Math.Exp(-mu * (x - a))) / width, batchSize), lower, upper, 1e-10);
            total += mass * (upper - integral);
            lower = upper;
        }

        return total + Math.Exp(-mu * lower) * (lower + Harmonic(batchSize) * mean);
    }

    /// <summary>Saturation throughput B / E[T_batch,k] (req/s).</summary>
    public static double Throughput(int k, int batchSize, double mean) => batchSize / MeanBatchTime(k, batchSize, mean);

    /// <summary>
    /// Mean latency with infinitely many servers: E[T_batch,k] + k (B - 1) / (2 lambda). Lemma 5.1's argument with unequal
    /// bins: a request of bin i (mass p_i) waits (B - 1)/(2 lambda p_i) for its batch to fill, and the p_i cancel in the
    /// average, leaving k (B - 1)/(2 lambda) (our extension; the paper draws these lines in Figure 9b).
    /// </summary>
    public static double InfiniteServerLatency(int k, int batchSize, double mean, double rate) =>
        MeanBatchTime(k, batchSize, mean) + k * (batchSize - 1) / (2 * rate);
}
