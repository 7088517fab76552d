namespace MultiBinSim.Scheduling;

/// <summary>static_fifo: one FIFO queue; a free GPU takes up to a fixed number (8) of the oldest requests.</summary>
public sealed class StaticFifoPolicy : IBatchPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "static_fifo",
            "One FIFO queue, fixed batches of up to StaticBatchSize (8), no memory check.",
            isBinned: false,
            [nameof(SchedulerOptions.StaticBatchSize)],
            (options, columns, _) => new StaticFifoPolicy(options.StaticBatchSize, columns.ExpectedRequests)
        );

    private readonly RequestQueue _queue;
    private readonly int _batchSize;
    private readonly long[] _requests = new long[1];
    private readonly long[] _batches = new long[1];

    public StaticFifoPolicy(int batchSize, int expectedRequests = 64)
    {
        _batchSize = batchSize;
        _queue = new RequestQueue(Math.Min(1 << 16, expectedRequests));
    }

    public int MaxBatchSize => _batchSize;

    public bool HasWaiting => _queue.Count > 0;

    public BinBoundaries? Boundaries => null;

    public ReadOnlySpan<long> RequestsPerBin => _requests;

    public ReadOnlySpan<long> BatchesPerBin => _batches;

    public void Enqueue(int request)
    {
        _queue.Enqueue(request);
        _requests[0]++;
    }

    public int FormBatch(Span<int> batch, out int group)
    {
        group = 0;
        int size = Math.Min(_batchSize, _queue.Count);
        if (size > 0)
        {
            _queue.DequeueInto(batch[..size]);
            _batches[0]++;
        }

        return size;
    }

    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion)
    {
        // No feedback: the batch size is fixed.
    }
}
