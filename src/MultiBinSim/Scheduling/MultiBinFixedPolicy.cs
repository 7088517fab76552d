using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>multi_bin_fixed: K FIFO bins by predicted length; a free GPU takes up to a fixed number (32) from one bin. No controller.</summary>
public sealed class MultiBinFixedPolicy : IBatchPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "multi_bin_fixed",
            "K bins by predicted length; fixed batches of up to FixedBatchSize (32) from one bin, no controller.",
            isBinned: true,
            [
                nameof(SchedulerOptions.K),
                nameof(SchedulerOptions.BinPolicy),
                nameof(SchedulerOptions.BoundarySampleSize),
                nameof(SchedulerOptions.FixedBatchSize),
            ],
            (options, columns, boundaries) => new MultiBinFixedPolicy(options, boundaries!, columns),
            aliases: ["multi_bin_only"]
        );

    private readonly BinQueues _bins;
    private readonly int _batchSize;

    public MultiBinFixedPolicy(SchedulerOptions options, BinBoundaries boundaries, RequestColumns columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bins = new BinQueues(boundaries, options.BinPolicy, columns);
        _batchSize = options.FixedBatchSize;
    }

    public int MaxBatchSize => _batchSize;

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

        var queue = _bins[group];
        int size = Math.Min(_batchSize, queue.Count);
        queue.DequeueInto(batch[..size]);
        _bins.Took(group, size);
        return size;
    }

    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion)
    {
        // No feedback: the batch size is fixed.
    }
}
