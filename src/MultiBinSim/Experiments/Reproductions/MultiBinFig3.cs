using System.Globalization;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// <c>multibin-fig3</c>: Figure 3 of arXiv 2412.04504, average throughput of k-bin batching against the arrival rate
/// for k = 1..5: service times uniform on [1, 20] s, B = 128, Poisson arrivals, one server, 128,000 requests,
/// 10 seeds; throughput = requests / (last completion - first arrival), as the paper measures it. Each k's plateau must
/// match Theorem 4.2 (6.45, 8.43, 9.40, 9.97, 10.35 req/s) within 1 %; the plateau is read at the highest rate,
/// 14 req/s, where every k is saturated (the server idles only until the first batch fills, under 0.4 % of the run).
/// Full: rates 3..14 req/s in steps of 1, 10 seeds; quick: rates 3, 5, 7, 9, 11, 14, 2 seeds.
/// </summary>
public sealed class MultiBinFig3 : IReproduction
{
    /// <summary>Accepted relative difference of each plateau from Theorem 4.2.</summary>
    public const double Tolerance = 0.01;

    /// <summary>The paper's parameters.</summary>
    public const double LMin = 1,
        LMax = 20;

    /// <summary>Batch size B.</summary>
    public const int BatchSize = 128;

    /// <summary>Requests per run.</summary>
    public const int Requests = 128_000;

    /// <summary>The rate at which the plateau is read (req/s).</summary>
    public const double PlateauRate = 14;

    /// <summary>Bins k = 1..5.</summary>
    public static IReadOnlyList<int> Ks { get; } = [1, 2, 3, 4, 5];

    /// <inheritdoc/>
    public string Name => "multibin-fig3";

    /// <inheritdoc/>
    public string Title => "Figure 3: throughput of k-bin batching vs arrival rate (uniform service times on [1, 20] s, B = 128)";

    /// <inheritdoc/>
    public string Paper => "arXiv 2412.04504, Figure 3 and Theorem 4.2";

    /// <summary>The arrival rates swept (req/s).</summary>
    public static double[] Rates(bool quick) => quick ? [3, 5, 7, 9, 11, PlateauRate] : ReproductionRuns.Grid(3, PlateauRate, 1);

    /// <inheritdoc/>
    public ReproductionResult Run(ReproductionOptions options)
    {
        options.Validate();
        int seeds = options.SeedsOr(10, 2);
        var rates = Rates(options.Quick);
        // One workload per (rate, seed), shared by every k (common random numbers); run i = rate i / seeds, seed i % seeds.
        var throughput = ReproductionRuns.Map(rates.Length * seeds, options.Parallelism, i =>
        {
            var workload = PaperWorkloads.Uniform(Requests, LMin, LMax, rates[i / seeds], ReproductionRuns.Seed(Name, i % seeds));
            return Ks.Select(k =>
                    PaperWorkloads.Run(workload, PaperWorkloads.Config(PaperWorkloads.EqualWidth(k, LMin, LMax), BatchSize, 1)).ThroughputRequestsPerSec
                )
                .ToArray();
        });

        var table = new ReproductionTable(
            ReproductionColumn.Int("k", "bins"),
            ReproductionColumn.Double("arrival_rate", "Poisson arrival rate lambda (req/s)"),
            ReproductionColumn.Int("seeds", "seeds averaged"),
            ReproductionColumn.Int("requests", "requests per run"),
            ReproductionColumn.Double("throughput_mean", "mean over seeds of requests / makespan (req/s)"),
            ReproductionColumn.Double("throughput_sd", "standard deviation over seeds (req/s)"),
            ReproductionColumn.Double("theorem_throughput", "Theorem 4.2 saturation throughput (req/s)")
        );
        var lines = new List<ChartLine>();
        var comparisons = new List<PublishedComparison>();
        for (int ki = 0; ki < Ks.Count; ki++)
        {
            int k = Ks[ki];
            double theorem = TheoryValidation.Throughput(k, BatchSize, LMin, LMax);
            var means = new double[rates.Length];
            var sds = new double[rates.Length];
            for (int r = 0; r < rates.Length; r++)
            {
                var values = Enumerable.Range(r * seeds, seeds).Select(i => throughput[i][ki]).ToArray();
                means[r] = ReproductionRuns.Mean(values);
                sds[r] = ReproductionRuns.StandardDeviation(values);
                table.Add(k, rates[r], seeds, Requests, means[r], sds[r], theorem);
            }

            lines.Add(new ChartLine($"k={k} simulated", rates, means, YError: sds, Family: $"k={k}"));
            lines.Add(new ChartLine($"k={k} Theorem 4.2", rates, rates.Select(_ => theorem).ToArray(), Dashed: true, Family: $"k={k}"));
            comparisons.Add(
                PublishedComparison.Of(
                    $"plateau throughput k={k} at {PlateauRate} req/s (req/s)",
                    theorem,
                    means[^1],
                    Tolerance,
                    FormattableString.Invariant($"Theorem 4.2 closed form ({theorem:F2}); the paper shows Figure 3 as a plot")
                )
            );
        }

        var chart = ReproductionCharts.Lines(
            "Figure 3 (arXiv 2412.04504): average throughput vs arrival rate, k = 1..5",
            "arrival rate lambda (req/s)",
            "throughput (req/s)",
            lines
        );
        string setup =
            FormattableString.Invariant(
                $"Poisson arrivals at lambda = {rates[0]}..{rates[^1]} req/s; service times uniform on [{LMin}, {LMax}] s (1 ms resolution); B = {BatchSize}; "
            )
            + FormattableString.Invariant(
                $"k = 1..5 equal-mass bins, oracle assignment; bins form full batches served first-formed first-served by one server; {Requests:N0} requests; {seeds} seeds "
            )
            + "(mean and standard deviation); throughput = requests / (last completion - first arrival).";
        return new ReproductionResult(Name, Title, Paper, setup, table, [chart], comparisons);
    }
}
