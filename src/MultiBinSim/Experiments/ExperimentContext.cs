using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MultiBinSim.Latency;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>
/// What every test of a suite run shares, loaded once: the dataset at the largest N (smaller N are prefixes of it),
/// its SHA-256, the fitted latency model, and bin boundaries cached per (K, sample size).
/// </summary>
public sealed class ExperimentContext
{
    private readonly ConcurrentDictionary<(int K, int Sample), BinBoundaries> _boundaries = new();

    private ExperimentContext(string dataset, Workload workload, string sha256, LatencyFit latency, WorkloadOptions workloadOptions)
    {
        Dataset = dataset;
        Workload = workload;
        DatasetSha256 = sha256;
        Latency = latency;
        WorkloadOptions = workloadOptions;
    }

    /// <summary>The dataset as given (a path, or "synthetic").</summary>
    public string Dataset { get; }

    /// <summary>The workload at the largest N of the run.</summary>
    public Workload Workload { get; }

    public string DatasetSha256 { get; }

    public LatencyFit Latency { get; }

    public WorkloadOptions WorkloadOptions { get; }

    /// <summary>Loads <paramref name="options"/>' dataset at <paramref name="maxRequests"/> rows and fits the latency model.</summary>
    public static ExperimentContext Create(WorkloadOptions options, int maxRequests, string? calibrationPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        string dataset = options.Dataset;
        var format = options.Format;
        var workloadOptions = options with { Requests = maxRequests };
        // The fit and the workload do not depend on each other: the fit runs on the second core.
        var (fit, workload) = SideBySide.Run(
            () => LatencyFit.FromCalibration(calibrationPath),
            () => WorkloadBuilder.Build(Datasets.Load(dataset, maxRequests, format), workloadOptions)
        );
        return new ExperimentContext(dataset, workload, Sha256Of(dataset), fit, workloadOptions);
    }

    /// <summary>This context with other workload options recorded (the workload itself is shared; for key tests).</summary>
    internal ExperimentContext WithWorkloadOptions(WorkloadOptions options) => new(Dataset, Workload, DatasetSha256, Latency, options);

    /// <summary>The first min(n, rows) requests.</summary>
    public Workload WorkloadFor(int requests) => Workload.Prefix(requests);

    /// <summary>Equal-mass boundaries for K bins from the first min(5000, N) predictions, computed once per (K, sample).</summary>
    public BinBoundaries BoundariesFor(int k, int requests)
    {
        int sample = Math.Min(BinBoundaries.DefaultSampleSize, Math.Min(requests, Workload.Count));
        return _boundaries.GetOrAdd((k, sample), key => BinBoundaries.Compute(Workload.PredictedTokens, key.K, key.Sample));
    }

    /// <summary>The simulation configuration of <paramref name="test"/>: its scheduler, K and GPUs on top of
    /// <paramref name="scheduler"/> (D_SLA and every other parameter), this context's latency model, and its cached
    /// bin boundaries.</summary>
    public Simulation.SimulationConfig ConfigFor(SuiteTest test, SchedulerOptions scheduler) =>
        new()
        {
            Gpus = test.Gpus,
            Latency = Latency.Model,
            Scheduler = scheduler with { Scheduler = test.Scheduler, K = test.RecordedK },
            Boundaries = test.Scheduler.IsBinned ? BoundariesFor(test.K, test.Requests) : null,
        };

    /// <summary>SHA-256 of the dataset file; for the synthetic trace, of its generator's identity (seed and row recipe).</summary>
    public static string Sha256Of(string dataset)
    {
        if (Datasets.IsSynthetic(dataset))
        {
            string identity = $"synthetic-burstgpt;generator=1;seed={SyntheticBurstGpt.DefaultSeed};rows={SyntheticBurstGpt.DefaultRows}";
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        }

        using var stream = File.OpenRead(dataset);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
