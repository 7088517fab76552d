using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// multi_bin_dynamic: K FIFO bins by predicted length (arXiv 2412.04504) with dynamic batch sizing (arXiv 2503.05248).
/// A free GPU picks a bin, looks at up to 128 of its candidates, and sizes the batch with THAT bin's own statistics
/// and SLA controller; unused candidates stay at the front of their bin.
/// </summary>
public sealed class MultiBinDynamicPolicy : IBatchPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "multi_bin_dynamic",
            "K bins by predicted length; batches from one bin, sized min(b_mem, b_SLA) by that bin's own statistics and controller.",
            isBinned: true,
            [nameof(SchedulerOptions.K), nameof(SchedulerOptions.BinPolicy), nameof(SchedulerOptions.BoundarySampleSize), .. DynamicBatcher.ParameterNames],
            (options, columns, boundaries) => new MultiBinDynamicPolicy(options, boundaries!, columns)
        );

    private readonly BinQueues _bins;

    public MultiBinDynamicPolicy(SchedulerOptions options, BinBoundaries boundaries, RequestColumns columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(boundaries);
        _bins = new BinQueues(boundaries, options.BinPolicy, columns);
        Batcher = new DynamicBatcher(options, boundaries.K, columns);
    }

    public DynamicBatcher Batcher { get; }

    public int MaxBatchSize => Batcher.MaxBatchSize;

    public bool HasWaiting => _bins.HasWaiting;

    public BinBoundaries? Boundaries => _bins.Boundaries;

    public ReadOnlySpan<long> RequestsPerBin => _bins.RequestsPerBin;

    public ReadOnlySpan<long> BatchesPerBin => _bins.BatchesPerBin;

    public void Enqueue(int request) => _bins.Enqueue(request);

    public int FormBatch(Span<int> batch, out int group)
    {
        group = _bins.SelectBin();
        if (group < 0)
        {
            return 0;
        }

        int size = Batcher.FormBatch(_bins[group], group, batch);
        _bins.Took(group, size);
        return size;
    }

    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion) =>
        Batcher.OnBatchCompleted(group, batch, serviceTime, completion);
}
