using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// What the rest of the kit knows about one scheduler: its name, whether it sorts requests into bins, the
/// <see cref="SchedulerOptions"/> properties it reads, and how to create its policy for a run. Each scheduler declares
/// its descriptor beside its policy class and is listed once in <see cref="Schedulers.All"/>; every consumer (CLI,
/// JSON, result store, suite) asks the descriptor instead of switching over names.
/// </summary>
public sealed class SchedulerKind
{
    private readonly Func<SchedulerOptions, RequestColumns, BinBoundaries?, IBatchPolicy> _create;

    /// <param name="name">snake_case name used on the command line and in results.</param>
    /// <param name="description">One line for help texts and README.</param>
    /// <param name="isBinned">Whether the scheduler sorts requests into K bins by predicted output length.</param>
    /// <param name="parameters">The <see cref="SchedulerOptions"/> properties the scheduler reads (besides the shared SLA and memory settings).</param>
    /// <param name="create">Creates a fresh policy for one run over the run's <see cref="RequestColumns"/> (read through
    /// at each use: a streamed run's window may replace its arrays); binned schedulers receive their boundaries.</param>
    /// <param name="aliases">Other accepted names (older releases' names).</param>
    public SchedulerKind(
        string name,
        string description,
        bool isBinned,
        IReadOnlyList<string> parameters,
        Func<SchedulerOptions, RequestColumns, BinBoundaries?, IBatchPolicy> create,
        IReadOnlyList<string>? aliases = null
    )
    {
        Name = name;
        Description = description;
        IsBinned = isBinned;
        Parameters = parameters;
        Aliases = aliases ?? [];
        _create = create;
    }

    /// <summary>The scheduler's snake_case name.</summary>
    public string Name { get; }

    /// <summary>One line describing the scheduler.</summary>
    public string Description { get; }

    /// <summary>Whether requests are sorted into K bins (then K, the bin policy and the boundaries apply).</summary>
    public bool IsBinned { get; }

    /// <summary>Names of the <see cref="SchedulerOptions"/> properties this scheduler reads.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Other names accepted for this scheduler.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>static_fifo (built in).</summary>
    public static SchedulerKind StaticFifo => StaticFifoPolicy.Kind;

    /// <summary>dynamic_no_bins (built in).</summary>
    public static SchedulerKind DynamicNoBins => DynamicNoBinsPolicy.Kind;

    /// <summary>multi_bin_dynamic (built in).</summary>
    public static SchedulerKind MultiBinDynamic => MultiBinDynamicPolicy.Kind;

    /// <summary>multi_bin_fixed (built in).</summary>
    public static SchedulerKind MultiBinFixed => MultiBinFixedPolicy.Kind;

    /// <summary>multi_bin_paper (built in).</summary>
    public static SchedulerKind MultiBinPaper => MultiBinPaperPolicy.Kind;

    /// <summary>K as recorded in results: the bin count for binned schedulers, 1 otherwise.</summary>
    public int RecordedK(int k) => IsBinned ? k : 1;

    /// <summary>Creates a fresh policy (queues, statistics, controllers) for one run.</summary>
    /// <param name="options">Validated scheduler options whose <see cref="SchedulerOptions.Scheduler"/> is this kind.</param>
    /// <param name="workload">The run's requests.</param>
    /// <param name="boundaries">Precomputed bin boundaries (binned schedulers); null = compute from the workload's predictions.</param>
    public IBatchPolicy CreatePolicy(SchedulerOptions options, Workload workload, BinBoundaries? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workload);
        if (!IsBinned)
        {
            return _create(options, workload.Columns, null);
        }

        boundaries ??= BinBoundaries.Compute(workload.PredictedTokens, options.K, options.BoundarySampleSize);
        if (boundaries.K != options.K)
        {
            throw new ArgumentException($"Bin boundaries have {boundaries.K} bins but K is {options.K}.", nameof(boundaries));
        }

        return _create(options, workload.Columns, boundaries);
    }

    /// <summary>Creates a fresh policy over <paramref name="columns"/> (a streamed run's window), with given boundaries for a binned scheduler.</summary>
    public IBatchPolicy CreatePolicy(SchedulerOptions options, RequestColumns columns, BinBoundaries? boundaries)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        if (IsBinned && (boundaries is null || boundaries.K != options.K))
        {
            throw new ArgumentException($"A binned scheduler over a request window needs boundaries with K = {options.K} bins.", nameof(boundaries));
        }

        return _create(options, columns, IsBinned ? boundaries : null);
    }

    public override string ToString() => Name;
}
