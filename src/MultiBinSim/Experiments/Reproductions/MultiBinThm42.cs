using System.Globalization;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// <c>multibin-thm42</c>: Theorem 4.2 of arXiv 2412.04504 (saturation throughput of k-bin batching with uniform
/// service times), through <see cref="TheoryValidation"/> (the same runs as <c>mbsim validate theory</c>): service
/// times uniform on [1, 10] s, all requests at time 0, one server, k = 1, 2, 4, 8, 16, B = 8, 32, 128.
/// Full: 400,000 requests per point; quick: 200,000 (at 100,000 the k = 16, B = 128 point is 0.9 % low: the 16 final
/// partial batches cost almost as much as full ones).
/// </summary>
public sealed class MultiBinThm42 : IReproduction
{
    /// <summary>Accepted relative difference from the closed form.</summary>
    public const double Tolerance = 0.01;

    /// <inheritdoc/>
    public string Name => "multibin-thm42";

    /// <inheritdoc/>
    public string Title => "Theorem 4.2: saturation throughput of k-bin batching, simulation vs closed form";

    /// <inheritdoc/>
    public string Paper => "arXiv 2412.04504, Theorem 4.2";

    /// <inheritdoc/>
    public ReproductionResult Run(ReproductionOptions options)
    {
        options.Validate();
        int requests = options.Quick ? 200_000 : TheoryValidation.DefaultRequests;
        var points = TheoryValidation.Run(requests);
        var table = new ReproductionTable(
            ReproductionColumn.Int("k", "bins"),
            ReproductionColumn.Int("batch_size", "B (requests)"),
            ReproductionColumn.Int("requests", "requests simulated"),
            ReproductionColumn.Double("simulated_throughput", "req/s"),
            ReproductionColumn.Double("theorem_throughput", "Theorem 4.2, req/s"),
            ReproductionColumn.Double("relative_error", "|simulated - theorem| / theorem")
        );
        foreach (var p in points)
        {
            table.Add(p.K, p.BatchSize, requests, p.SimulatedThroughput, p.TheoryThroughput, p.RelativeError);
        }

        var comparisons = points
            .Select(p =>
                PublishedComparison.Of(
                    $"saturation throughput k={p.K} B={p.BatchSize} (req/s)",
                    p.TheoryThroughput,
                    p.SimulatedThroughput,
                    Tolerance,
                    "paper gives the formula (Theorem 4.2), not numbers: compared with its closed form"
                )
            )
            .ToArray();
        string setup =
            FormattableString.Invariant(
                $"Service times uniform on [{TheoryValidation.DefaultLMin}, {TheoryValidation.DefaultLMax}] s; all {requests:N0} requests at time 0; one server; "
            )
            + "k equal-mass (equal-width) bins, oracle bin assignment, fixed batches of B; throughput = requests / makespan. Same runs as `mbsim validate theory`.";
        return new ReproductionResult(Name, Title, Paper, setup, table, [TheoryChart(points)], comparisons);
    }

    /// <summary>Simulated throughput (solid) and the closed form (dashed) against k, one pair of lines per B, log-log.</summary>
    private static LineChartSpec TheoryChart(IReadOnlyList<TheoryPoint> points) =>
        new(
            "Theorem 4.2 of arXiv 2412.04504: simulation vs closed form",
            "bins k (log2 scale)",
            "throughput at saturation (req/s, log scale)",
            points
                .GroupBy(p => p.BatchSize)
                .OrderBy(g => g.Key)
                .SelectMany(g =>
                    new[]
                    {
                        new ChartLine(
                            $"B={g.Key} simulated",
                            g.Select(p => (double)p.K).ToArray(),
                            g.Select(p => p.SimulatedThroughput).ToArray(),
                            Family: $"B={g.Key}"
                        ),
                        new ChartLine(
                            $"B={g.Key} Theorem 4.2",
                            g.Select(p => (double)p.K).ToArray(),
                            g.Select(p => p.TheoryThroughput).ToArray(),
                            Dashed: true,
                            Family: $"B={g.Key}"
                        ),
                    }
                )
                .ToArray(),
            LogX: true,
            LogY: true
        );
}
