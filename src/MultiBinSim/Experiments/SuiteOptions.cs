using MultiBinSim.Errors;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>Options of <c>mbsim suite</c> (and of the notebooks, which run the same code).</summary>
public sealed record SuiteOptions
{
    /// <summary>The steps to run (1, 2 and 3 by default).</summary>
    public IReadOnlyList<int> Steps { get; init; } = SuiteStep.All;

    /// <summary>The workload every test draws from: dataset, predictor, seed, arrival scaling. Its
    /// <see cref="WorkloadOptions.Requests"/> is ignored: tests take prefixes of <see cref="MaxRequests"/> rows.</summary>
    public WorkloadOptions Workload { get; init; } = new();

    /// <summary>Scheduler parameters and algorithm variants every test starts from (scheduler and K are set per test;
    /// D_SLA, batch limits, memory and controller settings apply to all).</summary>
    public SchedulerOptions Scheduler { get; init; } = new();

    /// <summary>Calibration grid CSV to fit the latency model from; null = the shipped default grid.</summary>
    public string? CalibrationPath { get; init; }

    /// <summary>Largest N: Step 1 runs 1K, 10K, ... up to it; Steps 2 and 3 run at it.</summary>
    public int MaxRequests { get; init; } = 1_000_000;

    /// <summary>Largest GPU count of Step 2.</summary>
    public int MaxGpus { get; init; } = 100;

    /// <summary>GPU count for Step 3; null = the Step 2 run with the highest capacity under SLA (from the store).</summary>
    public int? BestGpuCount { get; init; }

    /// <summary>
    /// The load level this run stands for (<see cref="LoadLevels"/>), recorded in every row's <c>load_level</c> column;
    /// null = none (the rows have no such column). The arrival scaling itself is <c>Workload.RpsScaling</c>, which the
    /// command line sets from the level.
    /// </summary>
    public LoadLevel? LoadLevel { get; init; }

    /// <summary>
    /// The engine every test runs on (<see cref="Simulation.SimulationEngines"/>): <c>batch</c> (the default, the seed's plan
    /// byte for byte) or <c>continuous</c> with <see cref="Continuous"/>; a test's scheduler and K then still name its
    /// batch configuration and its bins (multi-bin admission reads K), and GPUs are replicas.
    /// </summary>
    public string Engine { get; init; } = Simulation.SimulationEngines.Default;

    /// <summary>The continuous engine's options (used when <see cref="Engine"/> is <c>continuous</c>).</summary>
    public Simulation.Continuous.ContinuousOptions Continuous { get; init; } = new();

    /// <summary>How Step 3 picks its GPU count when <see cref="BestGpuCount"/> is not given (best capacity, the default, or the knee).</summary>
    public KSweepRule KSweepAt { get; init; } = KSweepRule.BestCapacity;

    /// <summary>Run every test with this many seeds derived from the workload's seed (the first is that seed itself).</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The seeds every test runs with: Seed, then Seed + i * 1,000,003 (wrapping), i = 1..Seeds-1.</summary>
    public IReadOnlyList<int> DerivedSeeds => Enumerable.Range(0, Seeds).Select(i => unchecked(Workload.Seed + i * 1_000_003)).ToArray();

    /// <summary>The results folder.</summary>
    public string OutputFolder { get; init; } = Storage.ResultStore.DefaultFolder;

    /// <summary>Tests run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Recompute tests already stored with success.</summary>
    public bool Force { get; init; }

    /// <summary>Run only slice <c>Index</c> (1-based) of <c>Count</c> deterministic slices of the test list.</summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);

    /// <summary>Write charts to OUT/charts when the run ends (the command line does; notebooks draw inline).</summary>
    public bool WriteCharts { get; init; } = true;

    /// <summary>How long to wait for another process's lock on the results folder.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Adds every invalid value to <paramref name="errors"/>, keyed by property path.</summary>
    public void Validate(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(Steps.Count > 0 && Steps.All(s => SuiteStep.Ordered.Contains(s)), nameof(Steps), "must be 1, 2, 3, all, grid or compare");
        errors.Require(MaxRequests >= 1, nameof(MaxRequests), $"must be at least 1 (got {MaxRequests})");
        errors.Require(MaxGpus >= 1, nameof(MaxGpus), $"must be at least 1 (got {MaxGpus})");
        errors.Require(
            LoadLevel is null || Enum.IsDefined(LoadLevel.Value),
            nameof(LoadLevel),
            $"must be one of {string.Join(", ", LoadLevels.Names)} (got {LoadLevel})"
        );
        errors.Require(
            Simulation.SimulationEngines.Names.Contains(Engine),
            nameof(Engine),
            $"must be one of {string.Join(", ", Simulation.SimulationEngines.Names)} (got '{Engine}')"
        );
        errors.Require(Enum.IsDefined(KSweepAt), nameof(KSweepAt), $"must be one of {string.Join(", ", EnumNames.All<KSweepRule>())} (got {KSweepAt})");
        errors.Require(BestGpuCount is null or >= 1, nameof(BestGpuCount), $"must be at least 1 (got {BestGpuCount})");
        errors.Require(Seeds is >= 1 and <= 1000, nameof(Seeds), $"must be between 1 and 1000 (got {Seeds})");
        errors.Require(Parallelism >= 1, nameof(Parallelism), $"must be at least 1 (got {Parallelism})");
        errors.Require(
            Shard.Count >= 1 && Shard.Index >= 1 && Shard.Index <= Shard.Count,
            nameof(Shard),
            $"must be I/N with 1 <= I <= N (got {Shard.Index}/{Shard.Count})"
        );
        errors.Nested(nameof(Workload), Workload.Validate);
        errors.Nested(nameof(Scheduler), Scheduler.Validate);
    }

    /// <summary>Throws a <see cref="ConfigurationException"/> with every invalid value.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        Validate(errors);
        errors.ThrowIfAny();
    }

    /// <summary>Parses "I/N" as given to <c>--shard</c>.</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 1 && i <= n)
        {
            return (i, n);
        }

        throw new ConfigurationException(nameof(Shard), $"must be I/N with 1 <= I <= N (got '{text}')");
    }
}
