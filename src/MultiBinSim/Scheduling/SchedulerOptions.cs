namespace MultiBinSim.Scheduling;

/// <summary>Scheduler parameters. Defaults are the original Python simulator's (mb_dyn_sim).</summary>
public sealed record SchedulerOptions
{
    public SchedulerKind Scheduler { get; init; } = SchedulerKind.MultiBinDynamic;

    /// <summary>Number of bins K (binned schedulers only).</summary>
    public int K { get; init; } = 4;

    public BinSelectionPolicy BinPolicy { get; init; } = BinSelectionPolicy.RoundRobin;

    public GpuMemoryModel Memory { get; init; } = GpuMemoryModel.Default;

    /// <summary>SLA deadline D_SLA in seconds (deadline = arrival + D_SLA).</summary>
    public double DSla { get; init; } = 1.0;

    /// <summary>SLA tolerance eps in seconds: the controller's dead band is D_SLA ± 2 eps.</summary>
    public double SlaEpsilon { get; init; } = 0.1;

    public int BMin { get; init; } = 1;

    public int BMax { get; init; } = 128;

    /// <summary>How many waiting requests a dynamic batcher looks at when forming a batch.</summary>
    public int CandidatePool { get; init; } = 128;

    public int StaticBatchSize { get; init; } = 8;

    public int FixedBatchSize { get; init; } = 32;

    /// <summary>multi_bin_paper: a partial bin is flushed once its oldest request has waited this long (seconds); null = wait for B.</summary>
    public double? MaxWait { get; init; }

    public MemoryAlgorithm MemoryAlgorithm { get; init; } = MemoryAlgorithm.Heuristic;

    /// <summary>eps_M of the paper's memory algorithm: the accepted probability of overflowing memory.</summary>
    public double MemoryEpsilon { get; init; } = 0.05;

    public SlaAlgorithm SlaAlgorithm { get; init; } = SlaAlgorithm.Heuristic;

    /// <summary>alpha of the paper's SLA algorithm (interval step).</summary>
    public int SlaAlpha { get; init; } = 4;

    /// <summary>delta of the paper's SLA algorithm (interval widening).</summary>
    public int SlaDelta { get; init; } = 2;

    public SlaSignal SlaSignal { get; init; } = SlaSignal.BatchServiceTime;

    /// <summary>Bin boundaries are the equal-mass quantiles of the first min(this, N) predictions.</summary>
    public int BoundarySampleSize { get; init; } = BinBoundaries.DefaultSampleSize;

    /// <summary>Adds every invalid value to <paramref name="errors"/>, keyed by property.</summary>
    public void Validate(Errors.ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(Scheduler is not null, nameof(Scheduler), "must name a scheduler");
        errors.Require(K is >= 1 and <= BinBoundaries.MaxBins, nameof(K), $"must be between 1 and {BinBoundaries.MaxBins} (got {K})");
        errors.Require(DSla > 0 && double.IsFinite(DSla), nameof(DSla), $"must be a finite number > 0 (got {DSla})");
        errors.Require(SlaEpsilon >= 0 && double.IsFinite(SlaEpsilon), nameof(SlaEpsilon), $"must be >= 0 (got {SlaEpsilon})");
        errors.Require(BMin >= 1, nameof(BMin), $"must be at least 1 (got {BMin})");
        errors.Require(BMin <= BMax, nameof(BMin), $"must not exceed B_MAX ({BMax}) (got {BMin})");
        errors.Require(CandidatePool >= 1, nameof(CandidatePool), $"must be at least 1 (got {CandidatePool})");
        errors.Require(StaticBatchSize >= 1, nameof(StaticBatchSize), $"must be at least 1 (got {StaticBatchSize})");
        errors.Require(FixedBatchSize >= 1, nameof(FixedBatchSize), $"must be at least 1 (got {FixedBatchSize})");
        errors.Require(MaxWait is null or >= 0, nameof(MaxWait), $"must be >= 0 seconds (got {MaxWait})");
        errors.Require(BoundarySampleSize >= 1, nameof(BoundarySampleSize), $"must be at least 1 (got {BoundarySampleSize})");
        errors.Require(MemoryEpsilon is > 0 and < 0.5, nameof(MemoryEpsilon), $"must be in (0, 0.5) (got {MemoryEpsilon})");
        errors.Require(SlaAlpha >= 1, nameof(SlaAlpha), $"must be at least 1 (got {SlaAlpha})");
        errors.Require(SlaDelta >= 0, nameof(SlaDelta), $"must be >= 0 (got {SlaDelta})");
        errors.Nested(nameof(Memory), Memory.Validate);
    }

    /// <summary>Throws a <see cref="Errors.ConfigurationException"/> with every invalid value.</summary>
    public void Validate()
    {
        var errors = new Errors.ValidationErrors();
        Validate(errors);
        errors.ThrowIfAny();
    }
}
