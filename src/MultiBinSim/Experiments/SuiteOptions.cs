using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>Options of <c>mbsim suite</c> (and of the notebooks, which run the same code).</summary>
public sealed record SuiteOptions
{
    public IReadOnlyList<int> Steps { get; init; } = SuiteStep.All;

    public int MaxRequests { get; init; } = 1_000_000;

    public int MaxGpus { get; init; } = 100;

    /// <summary>GPU count for Step 3; null = the Step 2 run with the highest capacity under SLA (from the store).</summary>
    public int? BestGpuCount { get; init; }

    public double RpsScaling { get; init; } = WorkloadOptions.DefaultRpsScaling;

    public bool RealTimestamps { get; init; }

    public double DSla { get; init; } = 1.0;

    public string Dataset { get; init; } = Datasets.Synthetic;

    /// <summary>Trace file format (auto-detected by default).</summary>
    public TraceFormat Format { get; init; } = TraceFormat.Auto;

    public string? CalibrationPath { get; init; }

    public string Predictor { get; init; } = Predictors.Default;

    public int Seed { get; init; } = 42;

    /// <summary>Run every test with this many seeds derived from <see cref="Seed"/> (the first is <see cref="Seed"/> itself).</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The seeds every test runs with: Seed, then Seed + i * 1,000,003 (wrapping), i = 1..Seeds-1.</summary>
    public IReadOnlyList<int> DerivedSeeds => Enumerable.Range(0, Seeds).Select(i => unchecked(Seed + i * 1_000_003)).ToArray();

    public string OutputFolder { get; init; } = "results";

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Recompute tests already stored with success.</summary>
    public bool Force { get; init; }

    /// <summary>Run only slice <c>Index</c> (1-based) of <c>Count</c> deterministic slices of the test list.</summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);

    /// <summary>Write charts to OUT/charts when the run ends.</summary>
    public bool WriteCharts { get; init; } = true;

    /// <summary>Scheduler parameters and algorithm variants every test starts from (scheduler, K and D_SLA are set per test).</summary>
    public Scheduling.SchedulerOptions Scheduler { get; init; } = new();

    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        Require(Steps.Count > 0 && Steps.All(s => s is >= 1 and <= 3), "--step must be 1, 2, 3 or all.");
        Require(MaxRequests >= 1, $"--max-requests must be at least 1 (got {MaxRequests}).");
        Require(MaxGpus >= 1, $"--max-gpus must be at least 1 (got {MaxGpus}).");
        Require(BestGpuCount is null or >= 1, $"--best-gpu-count must be at least 1 (got {BestGpuCount}).");
        Require(RealTimestamps || (RpsScaling > 0 && double.IsFinite(RpsScaling)), $"--rps-scaling must be a finite number > 0 (got {RpsScaling}).");
        Require(DSla > 0 && double.IsFinite(DSla), $"--d-sla must be a finite number > 0 (got {DSla}).");
        Require(Seeds is >= 1 and <= 1000, $"--seeds must be between 1 and 1000 (got {Seeds}).");
        Require(Parallelism >= 1, $"--parallel must be at least 1 (got {Parallelism}).");
        Require(Shard.Count >= 1 && Shard.Index >= 1 && Shard.Index <= Shard.Count, $"--shard must be I/N with 1 <= I <= N (got {Shard.Index}/{Shard.Count}).");
        Require(Predictors.Names.Contains(Predictor), $"--predictor: unknown predictor '{Predictor}'; known: {string.Join(", ", Predictors.Names)}.");
    }

    /// <summary>Parses "I/N" as given to <c>--shard</c>.</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 1 && i <= n)
        {
            return (i, n);
        }

        throw new ArgumentException($"--shard must be I/N with 1 <= I <= N (got '{text}').");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
