using System.Text;
using System.Text.Json;
using MultiBinSim.Latency;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>One (k, B) point of the Theorem 4.2 check: simulated and closed-form throughput.</summary>
public sealed record TheoryPoint(int K, int BatchSize, double LMin, double LMax, double SimulatedThroughput, double TheoryThroughput)
{
    public double RelativeError => Math.Abs(SimulatedThroughput - TheoryThroughput) / TheoryThroughput;
}

/// <summary>
/// Checks the simulator against Theorem 4.2 of arXiv 2412.04504 (multi-bin batching): with service times uniform on
/// [l_min, l_max], fixed batches of B, k equal-mass bins, every request present at time 0 and one server,
/// throughput_k = B / ((l_max + l_min)/2 + (1/k) (B/(B+1) l_max + 1/(B+1) l_min - (l_max + l_min)/2)).
/// The simulation uses the latency model t = L (in milliseconds of tokens: 1 token = 1 ms), the oracle predictor and
/// equal-width (hence equal-mass) bins, so every term of the theorem has its exact counterpart.
/// </summary>
public static class TheoryValidation
{
    public const double DefaultLMin = 1.0;
    public const double DefaultLMax = 10.0;
    public const int DefaultRequests = 400_000;
    public const int Seed = 4_2412;

    public static IReadOnlyList<int> Ks { get; } = [1, 2, 4, 8, 16];

    public static IReadOnlyList<int> BatchSizes { get; } = [8, 32, 128];

    /// <summary>The closed form of Theorem 4.2 (requests per second).</summary>
    public static double Throughput(int k, int batchSize, double lMin, double lMax)
    {
        double b = batchSize,
            mean = (lMax + lMin) / 2;
        return b / (mean + 1.0 / k * (b / (b + 1) * lMax + 1 / (b + 1) * lMin - mean));
    }

    /// <summary>E[T_batch,k]: the mean batch service time of Theorem 4.2 (mean over bins of the expected maximum of B).</summary>
    public static double MeanBatchTime(int k, int batchSize, double lMin, double lMax) => batchSize / Throughput(k, batchSize, lMin, lMax);

    /// <summary>
    /// Mean latency with infinitely many servers (the regime of Lemma 5.1 of arXiv 2412.04504), for Poisson arrivals at
    /// <paramref name="rate"/> per second split evenly over k bins that each form batches of B: a request waits on average
    /// for (B - 1)/2 further arrivals to its bin (at rate/k each), then for its batch's service. Finite servers can only add
    /// queueing, so a simulation stays above this and approaches it as the load falls. (Our derivation of the bound in
    /// this regime; it ignores the final partial batches.)
    /// </summary>
    public static double InfiniteServerLatency(int k, int batchSize, double lMin, double lMax, double rate) =>
        k * (batchSize - 1) / (2 * rate) + MeanBatchTime(k, batchSize, lMin, lMax);

    /// <summary>Simulated mean latency of multi_bin_paper (batches only when full) under Poisson arrivals at <paramref name="rate"/>.</summary>
    public static double SimulateLatency(
        int k,
        int batchSize,
        double rate,
        int gpus,
        int requests = 100_000,
        double lMin = DefaultLMin,
        double lMax = DefaultLMax
    )
    {
        int lo = (int)Math.Round(lMin * 1000),
            hi = (int)Math.Round(lMax * 1000);
        var rng = new NumpyLegacyRandom(Seed);
        var lengths = new int[requests];
        var arrivals = new double[requests];
        double t = 0;
        for (int i = 0; i < requests; i++)
        {
            lengths[i] = lo + (int)(rng.NextDouble() * (hi - lo + 1));
            t += rng.NextExponential(1 / rate);
            arrivals[i] = t;
        }

        var workload = Workload.FromColumns(arrivals, new int[requests], lengths, lengths, "theory: Poisson arrivals, uniform lengths");
        return SimulationEngines.Run(workload, TheoryConfig(SchedulerKind.MultiBinPaper, k, batchSize, gpus, lo, hi), recordTimeline: false).Metrics.AvgLatency;
    }

    /// <summary>
    /// Simulated mean latency against the infinite-server latency as the load (arrival rate over the G servers' capacity
    /// from Theorem 4.2) falls: a DataFrame with load, rate, simulated, bound and their ratio.
    /// </summary>
    public static Microsoft.Data.Analysis.DataFrame LatencyVersusLoad(
        int k = 4,
        int batchSize = 8,
        int gpus = 4,
        IReadOnlyList<double>? loads = null,
        int requests = 100_000
    )
    {
        loads ??= [0.9, 0.5, 0.25, 0.1, 0.05];
        var rows = loads
            .AsParallel()
            .AsOrdered()
            .Select(load =>
            {
                double rate = load * gpus * Throughput(k, batchSize, DefaultLMin, DefaultLMax);
                double simulated = SimulateLatency(k, batchSize, rate, gpus, requests);
                return (load, rate, simulated, bound: InfiniteServerLatency(k, batchSize, DefaultLMin, DefaultLMax, rate));
            })
            .ToArray();
        return new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("load", rows.Select(r => r.load)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("arrival_rate", rows.Select(r => r.rate)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("simulated_mean_latency", rows.Select(r => r.simulated)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("infinite_server_latency", rows.Select(r => r.bound)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("ratio", rows.Select(r => r.simulated / r.bound))
        );
    }

    /// <summary>Simulates one (k, B) point at saturation on one GPU.</summary>
    public static TheoryPoint Simulate(int k, int batchSize, int requests = DefaultRequests, double lMin = DefaultLMin, double lMax = DefaultLMax)
    {
        // Service time t = L * 1 ms, with L uniform on [1000 l_min, 1000 l_max] tokens: a fine, exact stand-in for
        // the theorem's continuous uniform service time (9,001 equally likely values for the defaults).
        int lo = (int)Math.Round(lMin * 1000),
            hi = (int)Math.Round(lMax * 1000);
        var rng = new NumpyLegacyRandom(Seed);
        var lengths = new int[requests];
        for (int i = 0; i < requests; i++)
        {
            lengths[i] = lo + (int)(rng.NextDouble() * (hi - lo + 1));
        }

        var workload = Workload.FromColumns(new double[requests], new int[requests], lengths, lengths, "theory: uniform lengths at time 0");
        var metrics = SimulationEngines.Run(workload, TheoryConfig(SchedulerKind.MultiBinFixed, k, batchSize, 1, lo, hi), recordTimeline: false).Metrics;
        return new TheoryPoint(k, batchSize, lMin, lMax, metrics.ThroughputRequestsPerSec, Throughput(k, batchSize, lMin, lMax));
    }

    /// <summary>
    /// The theory runs' setting: t = L at 1 ms per token, fixed batches of B, and k equal-width (hence, for uniform
    /// lengths on [lo, hi] tokens, equal-mass) bins.
    /// </summary>
    private static SimulationConfig TheoryConfig(SchedulerKind kind, int k, int batchSize, int gpus, int lo, int hi) =>
        new()
        {
            Gpus = gpus,
            Latency = new LatencyModel(0, 0.001, 0),
            Boundaries = new BinBoundaries(Enumerable.Range(0, k).Select(i => k == 1 ? 0 : lo + (int)((long)i * (hi - lo + 1) / k)).ToArray()),
            Scheduler = new SchedulerOptions
            {
                Scheduler = kind,
                K = k,
                FixedBatchSize = batchSize,
            },
        };

    /// <summary>Every (k, B) of <see cref="Ks"/> x <see cref="BatchSizes"/>.</summary>
    public static IReadOnlyList<TheoryPoint> Run(int requests = DefaultRequests) =>
        Ks.SelectMany(k => BatchSizes.Select(b => (k, b))).AsParallel().AsOrdered().Select(p => Simulate(p.k, p.b, requests)).ToArray();

    /// <summary>The points as a DataFrame (k, batch_size, simulated, theory, relative error).</summary>
    public static Microsoft.Data.Analysis.DataFrame ToDataFrame(IReadOnlyList<TheoryPoint> points) =>
        new(
            new Microsoft.Data.Analysis.Int32DataFrameColumn("k", points.Select(p => p.K)),
            new Microsoft.Data.Analysis.Int32DataFrameColumn("batch_size", points.Select(p => p.BatchSize)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("simulated_throughput", points.Select(p => p.SimulatedThroughput)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("theory_throughput", points.Select(p => p.TheoryThroughput)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("relative_error", points.Select(p => p.RelativeError))
        );

    /// <summary>A JSON list of objects with k, batch_size, l_min, l_max, simulated_throughput, theory_throughput, relative_error.</summary>
    public static string ToJson(IEnumerable<TheoryPoint> points)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var p in points)
            {
                json.WriteStartObject();
                json.WriteNumber("k", p.K);
                json.WriteNumber("batch_size", p.BatchSize);
                json.WriteNumber("l_min", p.LMin);
                json.WriteNumber("l_max", p.LMax);
                json.WriteNumber("simulated_throughput", p.SimulatedThroughput);
                json.WriteNumber("theory_throughput", p.TheoryThroughput);
                json.WriteNumber("relative_error", p.RelativeError);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
