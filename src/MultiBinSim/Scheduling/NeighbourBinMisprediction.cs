using MultiBinSim.Errors;
using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// The symmetric bin-error model of arXiv 2412.04504, Section 6.2, as a workload transformation: a request whose
/// prediction falls in bin i is moved to bin i - 1 or i + 1 with probability p_e each (interior bins; the correct bin
/// keeps 1 - 2 p_e), and an edge bin's request to its one neighbour with probability p_e (1 - p_e stays). A moved
/// request's prediction becomes the lower bound of its new bin, so any binned scheduler given the same boundaries puts
/// it there; the true lengths (and so service times) are untouched. Each request consumes exactly one draw from a
/// generator seeded by <c>seed</c>, in row order: the result is a pure function of the arguments, and with the same seed
/// a larger p_e moves a superset of the requests a smaller one moves.
/// </summary>
public static class NeighbourBinMisprediction
{
    /// <summary>The largest error probability the model allows (an interior bin keeps 1 - 2 p_e).</summary>
    public const double MaxErrorProbability = 0.5;

    /// <summary>A copy of <paramref name="workload"/> with bin assignments perturbed as described.</summary>
    public static Workload Apply(Workload workload, BinBoundaries boundaries, double errorProbability, uint seed)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(boundaries);
        if (!(errorProbability is >= 0 and <= MaxErrorProbability))
        {
            throw new ConfigurationException("Misprediction.ErrorProbability", $"must be between 0 and {MaxErrorProbability} (got {errorProbability})");
        }

        int n = workload.Count,
            k = boundaries.K;
        var predicted = workload.PredictedTokens.ToArray();
        var rng = new NumpyLegacyRandom(seed);
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            int bin = boundaries.Locate(predicted[i]);
            int target = bin;
            if (k > 1)
            {
                if (bin == 0)
                {
                    target = u < errorProbability ? 1 : 0;
                }
                else if (bin == k - 1)
                {
                    target = u < errorProbability ? k - 2 : k - 1;
                }
                else
                {
                    target =
                        u < errorProbability ? bin - 1
                        : u < 2 * errorProbability ? bin + 1
                        : bin;
                }
            }

            if (target != bin)
            {
                predicted[i] = boundaries.LowerBounds[target];
            }
        }

        return Workload.FromColumns(
            workload.Arrivals.ToArray(),
            workload.PromptTokens.ToArray(),
            workload.OutputTokens.ToArray(),
            predicted,
            $"{workload.Source}, neighbour-bin errors p_e = {errorProbability}"
        );
    }
}
