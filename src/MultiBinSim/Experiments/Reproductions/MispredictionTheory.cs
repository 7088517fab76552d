namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// Saturation throughput of k-bin batching under the paper's symmetric neighbour-bin error model (arXiv 2412.04504,
/// Section 6.2) with service times uniform on [l_min, l_max] and k equal-width bins (our derivation; the paper gives
/// only simulations). True bin j has mass 1/k and is uniform on its interval of width h = (l_max - l_min)/k; bin i
/// receives weight w_ij = P(i | j)/k from true bin j, so its mass is m_i = sum_j w_ij and its lengths have the piecewise
/// linear CDF F_i with slope w_ij/(m_i h) on interval j. A full batch of B from bin i lasts
/// E[max] = l_max - integral of F_i(x)^B dx, where on an interval with slope s, integral of F^B = (F_end^(B+1) - F_start^(B+1)) / ((B+1) s)
/// (exact). Batches come from bin i in proportion to m_i, so E[T] = sum_i m_i E[max_i] and throughput = B / E[T].
/// At p_e = 0 this is Theorem 4.2.
/// </summary>
public static class MispredictionTheory
{
    /// <summary>Saturation throughput (requests per second of service time).</summary>
    public static double Throughput(int k, int batchSize, double lMin, double lMax, double errorProbability)
    {
        double h = (lMax - lMin) / k,
            meanBatch = 0;
        for (int i = 0; i < k; i++)
        {
            var weights = new double[k];
            for (int j = 0; j < k; j++)
            {
                weights[j] = Assignment(i, j, k, errorProbability) / k;
            }

            double mass = weights.Sum();
            if (mass <= 0)
            {
                continue;
            }

            double integral = 0,
                cdf = 0;
            for (int j = 0; j < k; j++)
            {
                double next = cdf + weights[j] / mass;
                integral +=
                    weights[j] > 0
                        ? h * (Math.Pow(next, batchSize + 1) - Math.Pow(cdf, batchSize + 1)) / ((batchSize + 1) * (next - cdf))
                        : h * Math.Pow(cdf, batchSize);
                cdf = next;
            }

            meanBatch += mass * (lMax - integral);
        }

        return batchSize / meanBatch;
    }

    /// <summary>P(assigned bin = i | true bin = j) under the error model.</summary>
    public static double Assignment(int i, int j, int k, double p)
    {
        if (k == 1)
        {
            return 1;
        }

        bool edge = j == 0 || j == k - 1;
        return i == j ? (edge ? 1 - p : 1 - 2 * p)
            : Math.Abs(i - j) == 1 ? p
            : 0;
    }
}
