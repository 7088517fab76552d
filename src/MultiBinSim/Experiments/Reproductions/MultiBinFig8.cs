using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// <c>multibin-fig8</c>: Figure 8 of arXiv 2412.04504, saturation throughput against the misprediction probability p_e
/// (a request lands in a neighbouring bin with probability p_e, <see cref="NeighbourBinMisprediction"/>) for k = 2, 4, 8:
/// service times uniform on [1, 20] s, B = 128, 128,000 requests, 10 seeds, one server. The paper measures the time to
/// process all requests at a high arrival rate; we submit every request at time 0, which measures the same capacity
/// without a start-up transient. Compared with <see cref="MispredictionTheory"/> (exact for this error model) and, at
/// p_e = 0, Theorem 4.2. Full: p_e = 0, 0.01, 0.05, 0.1, ..., 0.5, 10 seeds; quick: p_e = 0, 0.05, 0.2, 0.5, 2 seeds.
/// </summary>
public sealed class MultiBinFig8 : IReproduction
{
    /// <summary>Accepted relative difference from the closed forms.</summary>
    public const double Tolerance = 0.01;

    /// <summary>The paper's parameters.</summary>
    public const double LMin = 1,
        LMax = 20;

    /// <summary>Batch size B.</summary>
    public const int BatchSize = 128;

    /// <summary>Requests per run.</summary>
    public const int Requests = 128_000;

    /// <summary>Bins k = 2, 4, 8.</summary>
    public static IReadOnlyList<int> Ks { get; } = [2, 4, 8];

    // Values read off the paper's Figure 8 (plot only), for the notes: (k, p_e = 0.05, p_e = 0.5).
    private static readonly Dictionary<int, (double At005, double At05)> PlotReadings = new()
    {
        [2] = (6.65, 6.45),
        [4] = (8.05, 7.82),
        [8] = (9.52, 9.32),
    };

    /// <inheritdoc/>
    public string Name => "multibin-fig8";

    /// <inheritdoc/>
    public string Title => "Figure 8: throughput vs misprediction probability p_e, k = 2, 4, 8 (uniform service times on [1, 20] s, B = 128)";

    /// <inheritdoc/>
    public string Paper => "arXiv 2412.04504, Figure 8 (Section 6.2)";

    /// <summary>The error probabilities swept.</summary>
    public static double[] ErrorProbabilities(bool quick) => quick ? [0, 0.05, 0.2, 0.5] : [0, 0.01, .. ReproductionRuns.Grid(0.05, 0.5, 0.05)];

    /// <inheritdoc/>
    public ReproductionResult Run(ReproductionOptions options)
    {
        options.Validate();
        int seeds = options.SeedsOr(10, 2);
        var errors = ErrorProbabilities(options.Quick);
        // Run i: p_e i / seeds, seed i % seeds. The lengths and the error draws depend on the seed only, so across p_e the
        // same requests are candidates to move (a larger p_e moves a superset).
        var runs = ReproductionRuns.Map(errors.Length * seeds, options.Parallelism, i =>
        {
            int seed = i % seeds;
            var workload = PaperWorkloads.Uniform(Requests, LMin, LMax, null, ReproductionRuns.Seed(Name, seed));
            return Ks.Select(k =>
                {
                    var boundaries = PaperWorkloads.EqualWidth(k, LMin, LMax);
                    var perturbed = NeighbourBinMisprediction.Apply(workload, boundaries, errors[i / seeds], ReproductionRuns.Seed(Name + "/errors", seed, k));
                    return PaperWorkloads.Run(perturbed, PaperWorkloads.Config(boundaries, BatchSize, 1)).ThroughputRequestsPerSec;
                })
                .ToArray();
        });

        var table = new ReproductionTable(
            ReproductionColumn.Int("k", "bins"),
            ReproductionColumn.Double("error_probability", "p_e: probability of landing in each neighbouring bin"),
            ReproductionColumn.Int("seeds", "seeds averaged"),
            ReproductionColumn.Int("requests", "requests per run"),
            ReproductionColumn.Double("throughput_mean", "mean over seeds of requests / makespan, all requests at time 0 (req/s)"),
            ReproductionColumn.Double("throughput_sd", "standard deviation over seeds (req/s)"),
            ReproductionColumn.Double("theory_throughput", "closed form of the error model (req/s)"),
            ReproductionColumn.Double("no_binning_throughput", "Theorem 4.2 with k = 1 (req/s)")
        );
        double noBinning = TheoryValidation.Throughput(1, BatchSize, LMin, LMax);
        var lines = new List<ChartLine>();
        var comparisons = new List<PublishedComparison>();
        for (int ki = 0; ki < Ks.Count; ki++)
        {
            int k = Ks[ki];
            var means = new double[errors.Length];
            var theory = errors.Select(p => MispredictionTheory.Throughput(k, BatchSize, LMin, LMax, p)).ToArray();
            for (int e = 0; e < errors.Length; e++)
            {
                var values = Enumerable.Range(e * seeds, seeds).Select(i => runs[i][ki]).ToArray();
                means[e] = ReproductionRuns.Mean(values);
                table.Add(k, errors[e], seeds, Requests, means[e], ReproductionRuns.StandardDeviation(values), theory[e], noBinning);
            }

            lines.Add(new ChartLine($"k={k} simulated", errors, means, Family: $"k={k}"));
            lines.Add(new ChartLine($"k={k} closed form", errors, theory, Dashed: true, Family: $"k={k}"));
            var reading = PlotReadings[k];
            comparisons.Add(
                PublishedComparison.Of(
                    $"throughput k={k}, p_e=0 (req/s)",
                    TheoryValidation.Throughput(k, BatchSize, LMin, LMax),
                    means[0],
                    Tolerance,
                    "Theorem 4.2 (no errors); the paper's Figure 8 starts there"
                )
            );
            int at005 = Array.IndexOf(errors, 0.05);
            if (at005 >= 0)
            {
                comparisons.Add(
                    PublishedComparison.Of(
                        $"throughput k={k}, p_e=0.05 (req/s)",
                        theory[at005],
                        means[at005],
                        Tolerance,
                        FormattableString.Invariant($"closed form of the error model; the paper shows a plot (about {reading.At005} read off Figure 8)")
                    )
                );
            }

            comparisons.Add(
                PublishedComparison.Of(
                    $"throughput k={k}, p_e=0.5 (req/s)",
                    theory[^1],
                    means[^1],
                    Tolerance,
                    FormattableString.Invariant($"closed form of the error model; the paper shows a plot (about {reading.At05} read off Figure 8)")
                )
            );
        }

        lines.Add(new ChartLine("no binning (k=1, Theorem 4.2)", errors, errors.Select(_ => noBinning).ToArray(), Dashed: true));
        var chart = ReproductionCharts.Lines(
            "Figure 8 (arXiv 2412.04504): throughput vs misprediction probability, k = 2, 4, 8",
            "misprediction probability p_e (per neighbouring bin)",
            "throughput at saturation (req/s)",
            lines
        );
        string setup =
            FormattableString.Invariant(
                $"All {Requests:N0} requests at time 0 (saturation); service times uniform on [{LMin}, {LMax}] s; B = {BatchSize}; k = 2, 4, 8 equal-mass bins; "
            )
            + FormattableString.Invariant(
                $"each request moved to a neighbouring bin with probability p_e = {errors[0]}..{errors[^1]} (edge bins: their one neighbour), seeded per seed and k; one server; {seeds} seeds."
            );
        return new ReproductionResult(Name, Title, Paper, setup, table, [chart], comparisons);
    }
}
