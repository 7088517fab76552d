using MultiBinSim.Latency;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// The multi-bin paper's queueing model on the batch engine: a request's service time is drawn from a distribution
/// (uniform on [l_min, l_max] or exponential) and a batch runs as long as its longest request. A service time of
/// t seconds is a request of 1000 t "tokens" (no prompt) under the latency model t(b, L) = 0.001 s x L (alpha = gamma = 0),
/// so the engine's batch time is exactly the maximum of the batch's service times, at 1 ms resolution. Arrivals are a
/// Poisson process of the given rate (or all at time 0 for saturation). Lengths and arrivals come from separate
/// generators seeded from the run's seed, so the same seed gives the same service times at every rate (common random
/// numbers across the curve).
/// </summary>
public static class PaperWorkloads
{
    /// <summary>Tokens per second of service time: 1 token = 1 ms.</summary>
    public const int TokensPerSecond = 1000;

    /// <summary>The latency model t = L x 1 ms.</summary>
    public static LatencyModel ServiceTimeModel { get; } = new(0, 1.0 / TokensPerSecond, 0);

    /// <summary>
    /// Service times uniform on [<paramref name="lMin"/>, <paramref name="lMax"/>] seconds (1,000 l_min .. 1,000 l_max tokens, equally likely).
    /// </summary>
    public static Workload Uniform(int requests, double lMin, double lMax, double? rate, uint seed)
    {
        int lo = Tokens(lMin),
            hi = Tokens(lMax);
        var rng = new NumpyLegacyRandom(seed);
        var lengths = new int[requests];
        for (int i = 0; i < requests; i++)
        {
            lengths[i] = lo + (int)(rng.NextDouble() * (hi - lo + 1));
        }

        return Build(lengths, rate, seed, $"uniform service times on [{lMin}, {lMax}] s");
    }

    /// <summary>Service times exponential with mean <paramref name="mean"/> seconds (rounded to 1 ms, at least 1 ms).</summary>
    public static Workload Exponential(int requests, double mean, double? rate, uint seed)
    {
        var rng = new NumpyLegacyRandom(seed);
        var lengths = new int[requests];
        for (int i = 0; i < requests; i++)
        {
            lengths[i] = Math.Max(1, (int)Math.Round(rng.NextExponential(mean) * TokensPerSecond));
        }

        return Build(lengths, rate, seed, $"exponential service times, mean {mean} s");
    }

    /// <summary>Given service lengths (tokens), Poisson arrivals at <paramref name="rate"/> (null: all at time 0), oracle predictions.</summary>
    public static Workload Build(int[] lengths, double? rate, uint seed, string source)
    {
        int n = lengths.Length;
        var arrivals = new double[n];
        if (rate is { } r)
        {
            // A second stream for the gaps: unit-rate exponentials scaled by 1/rate, so every rate sees the same pattern.
            var gaps = new NumpyLegacyRandom(seed ^ 0x5DEECE66u);
            double t = 0;
            for (int i = 0; i < n; i++)
            {
                t += gaps.NextExponential(1.0) / r;
                arrivals[i] = t;
            }
        }

        return Workload.FromColumns(
            arrivals,
            new int[n],
            lengths,
            (int[])lengths.Clone(),
            $"{source}, {(rate is { } x ? $"Poisson arrivals at {x} req/s" : "all at time 0")}"
        );
    }

    /// <summary>Seconds to tokens (1 ms each).</summary>
    public static int Tokens(double seconds) => (int)Math.Round(seconds * TokensPerSecond);

    /// <summary>
    /// Lemma 4.1's equal-mass (for uniform service times: equal-width) boundaries over [l_min, l_max], in tokens,
    /// exactly as <see cref="TheoryValidation"/> draws them.
    /// </summary>
    public static BinBoundaries EqualWidth(int k, double lMin, double lMax)
    {
        int lo = Tokens(lMin),
            hi = Tokens(lMax);
        return new BinBoundaries(Enumerable.Range(0, k).Select(i => k == 1 ? 0 : lo + (int)((long)i * (hi - lo + 1) / k)).ToArray());
    }

    /// <summary>
    /// Algorithm 1 of the paper on the batch engine: bins form batches of exactly B (the last partial batches when arrivals
    /// end), batches wait in one central FIFO ("first formed batch, first served") for <paramref name="servers"/> servers.
    /// </summary>
    public static SimulationConfig Config(BinBoundaries boundaries, int batchSize, int servers, LatencyModel? latency = null) =>
        new()
        {
            Gpus = servers,
            Latency = latency ?? ServiceTimeModel,
            Boundaries = boundaries,
            Scheduler = new SchedulerOptions
            {
                Scheduler = SchedulerKind.MultiBinPaper,
                K = boundaries.K,
                FixedBatchSize = batchSize,
            },
        };

    /// <summary>Runs one configuration on its engine without a timeline.</summary>
    public static Metrics.RunMetrics Run(Workload workload, SimulationConfig config) => SimulationEngines.Run(workload, config, recordTimeline: false).Metrics;
}
