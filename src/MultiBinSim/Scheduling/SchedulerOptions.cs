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

    public void Validate()
    {
        Require(K is >= 1 and <= BinBoundaries.MaxBins, $"--k must be between 1 and {BinBoundaries.MaxBins} (got {K}).");
        Require(DSla > 0 && double.IsFinite(DSla), $"--d-sla must be a finite number > 0 (got {DSla}).");
        Require(SlaEpsilon >= 0 && double.IsFinite(SlaEpsilon), $"--sla-epsilon must be >= 0 (got {SlaEpsilon}).");
        Require(BMin >= 1, $"--b-min must be at least 1 (got {BMin}).");
        Require(BMin <= BMax, $"--b-min ({BMin}) must not exceed --b-max ({BMax}).");
        Require(CandidatePool >= 1, $"--candidate-pool must be at least 1 (got {CandidatePool}).");
        Require(StaticBatchSize >= 1, $"--static-batch must be at least 1 (got {StaticBatchSize}).");
        Require(FixedBatchSize >= 1, $"--fixed-batch must be at least 1 (got {FixedBatchSize}).");
        Require(MaxWait is null or >= 0, $"--max-wait must be >= 0 seconds (got {MaxWait}).");
        Require(BoundarySampleSize >= 1, $"--boundary-sample must be at least 1 (got {BoundarySampleSize}).");
        Require(MemoryEpsilon is > 0 and < 0.5, $"--memory-epsilon must be in (0, 0.5) (got {MemoryEpsilon}).");
        Require(SlaAlpha >= 1, $"--sla-alpha must be at least 1 (got {SlaAlpha}).");
        Require(SlaDelta >= 0, $"--sla-delta must be >= 0 (got {SlaDelta}).");
        Memory.Validate();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
