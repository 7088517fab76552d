namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// <c>multibin-fig4</c>: Figure 4 of arXiv 2412.04504, mean latency of a request against the arrival rate for k = 1, 2, 3
/// with one server and with unlimited servers, beside Lemma 5.1:
/// E[latency] = (l_max + l_min)/2 + (1/k)(B/(B+1) l_max + 1/(B+1) l_min - (l_max + l_min)/2) + (B - 1) k / (2 lambda),
/// i.e. Theorem 4.2's mean batch time plus the wait for B - 1 more arrivals to the request's bin at rate lambda/k.
/// Service times uniform on [1, 20] s, B = 128, Poisson arrivals, 128,000 requests, 10 seeds. "Unlimited" servers are
/// simulated with <see cref="UnlimitedServers"/> servers; every such run is checked to have left at least one server
/// unused (idle servers are tried in ascending id, so then no batch ever waited for a server), which is exactly
/// Assumption 5.1. Full: rates 3..12 req/s in steps of 1, 10 seeds; quick: rates 3, 5, 8, 12, 2 seeds.
/// </summary>
public sealed class MultiBinFig4 : IReproduction
{
    /// <summary>Accepted relative difference between Lemma 5.1 and the unlimited-server simulation.</summary>
    public const double Tolerance = 0.01;

    /// <summary>Servers that stand in for infinitely many.</summary>
    public const int UnlimitedServers = 64;

    /// <summary>The paper's parameters.</summary>
    public const double LMin = 1,
        LMax = 20;

    /// <summary>Batch size B.</summary>
    public const int BatchSize = 128;

    /// <summary>Requests per run.</summary>
    public const int Requests = 128_000;

    /// <summary>Bins k = 1, 2, 3.</summary>
    public static IReadOnlyList<int> Ks { get; } = [1, 2, 3];

    /// <inheritdoc/>
    public string Name => "multibin-fig4";

    /// <inheritdoc/>
    public string Title => "Figure 4: mean latency vs arrival rate, one server and unlimited servers, with Lemma 5.1";

    /// <inheritdoc/>
    public string Paper => "arXiv 2412.04504, Figure 4 and Lemma 5.1";

    /// <summary>Lemma 5.1 (seconds).</summary>
    public static double Lemma51(int k, double rate) => TheoryValidation.InfiniteServerLatency(k, BatchSize, LMin, LMax, rate);

    /// <summary>The arrival rates swept (req/s).</summary>
    public static double[] Rates(bool quick) => quick ? [3, 5, 8, 12] : ReproductionRuns.Grid(3, 12, 1);

    /// <inheritdoc/>
    public ReproductionResult Run(ReproductionOptions options)
    {
        options.Validate();
        int seeds = options.SeedsOr(10, 2);
        var rates = Rates(options.Quick);
        int[] servers = [1, UnlimitedServers];
        // Run i: rate i / seeds, seed i % seeds; per run, every (k, servers) on the same workload.
        var runs = ReproductionRuns.Map(rates.Length * seeds, options.Parallelism, i =>
        {
            var workload = PaperWorkloads.Uniform(Requests, LMin, LMax, rates[i / seeds], ReproductionRuns.Seed(Name, i % seeds));
            return Ks.SelectMany(k =>
                    servers.Select(g =>
                    {
                        var m = PaperWorkloads.Run(workload, PaperWorkloads.Config(PaperWorkloads.EqualWidth(k, LMin, LMax), BatchSize, g));
                        return (m.AvgLatency, NeverWaited: g > 1 && m.MinGpuUtilization == 0);
                    })
                )
                .ToArray();
        });

        var table = new ReproductionTable(
            ReproductionColumn.Int("k", "bins"),
            ReproductionColumn.Double("arrival_rate", "Poisson arrival rate lambda (req/s)"),
            ReproductionColumn.Int("servers", $"servers (1, or {UnlimitedServers} standing in for unlimited)"),
            ReproductionColumn.Int("seeds", "seeds averaged"),
            ReproductionColumn.Int("requests", "requests per run"),
            ReproductionColumn.Double("mean_latency", "mean over seeds of the mean request latency (s)"),
            ReproductionColumn.Double("mean_latency_sd", "standard deviation over seeds (s)"),
            ReproductionColumn.Double("lemma_5_1_latency", "Lemma 5.1, infinite servers (s)"),
            ReproductionColumn.Bool("no_batch_waited", "unlimited servers: in every seed some server was never used, so no batch waited (null for one server)")
        );
        var lines = new List<ChartLine>();
        var comparisons = new List<PublishedComparison>();
        for (int ki = 0; ki < Ks.Count; ki++)
        {
            int k = Ks[ki];
            var lemma = rates.Select(r => Lemma51(k, r)).ToArray();
            for (int gi = 0; gi < servers.Length; gi++)
            {
                int column = ki * servers.Length + gi;
                var means = new double[rates.Length];
                for (int r = 0; r < rates.Length; r++)
                {
                    var values = Enumerable.Range(r * seeds, seeds).Select(i => runs[i][column].AvgLatency).ToArray();
                    bool? neverWaited = servers[gi] > 1 ? Enumerable.Range(r * seeds, seeds).All(i => runs[i][column].NeverWaited) : null;
                    if (neverWaited == false)
                    {
                        throw new InvalidOperationException(
                            $"{UnlimitedServers} servers were all busy at once (k={k}, rate {rates[r]}): raise {nameof(UnlimitedServers)}."
                        );
                    }

                    means[r] = ReproductionRuns.Mean(values);
                    table.Add(k, rates[r], servers[gi], seeds, Requests, means[r], ReproductionRuns.StandardDeviation(values), lemma[r], neverWaited);
                }

                lines.Add(
                    new ChartLine(
                        servers[gi] == 1 ? $"one server, k={k}" : $"unlimited servers, k={k}",
                        rates,
                        means,
                        Family: $"k={k}",
                        Symbol: servers[gi] == 1 ? null : "square-open"
                    )
                );
                if (servers[gi] > 1)
                {
                    foreach (int r in new[] { 0, rates.Length - 1 })
                    {
                        comparisons.Add(
                            PublishedComparison.Of(
                                FormattableString.Invariant($"mean latency k={k}, unlimited servers, lambda={rates[r]} (s)"),
                                lemma[r],
                                means[r],
                                Tolerance,
                                "Lemma 5.1 closed form (the paper shows Figure 4 as a plot)"
                            )
                        );
                    }
                }
                else
                {
                    comparisons.Add(
                        PublishedComparison.Of(
                            FormattableString.Invariant($"mean latency k={k}, one server, lambda={rates[0]} (s)"),
                            lemma[0],
                            means[0],
                            null,
                            "Lemma 5.1, which the paper calls a close approximation at low rates; one server adds the queueing the lemma leaves out"
                        )
                    );
                }
            }

            lines.Add(new ChartLine($"Lemma 5.1, k={k}", rates, lemma, Dashed: true, Family: $"k={k}"));
        }

        var chart = ReproductionCharts.Lines(
            "Figure 4 (arXiv 2412.04504): mean latency vs arrival rate, k = 1, 2, 3",
            "arrival rate lambda (req/s)",
            "mean latency (s)",
            lines,
            yRange: (0, 150)
        );
        string setup =
            FormattableString.Invariant(
                $"Poisson arrivals at lambda = {rates[0]}..{rates[^1]} req/s; service times uniform on [{LMin}, {LMax}] s; B = {BatchSize}; k = 1, 2, 3 equal-mass bins; "
            )
            + FormattableString.Invariant(
                $"full batches served first-formed first-served by one server or by {UnlimitedServers} servers (never all busy, checked: Assumption 5.1); {Requests:N0} requests; {seeds} seeds. "
            )
            + "One-server runs above a k's Theorem 4.2 capacity are overloaded: their latency grows with the number of requests (the chart's log axis shows how far).";
        return new ReproductionResult(Name, Title, Paper, setup, table, [chart], comparisons);
    }
}
