using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// dynamic_no_bins: one FIFO queue; a free GPU looks at up to 128 candidates and keeps the first min(b_mem, b_SLA),
/// sized by global statistics and one SLA controller, trimmed to fit memory. The rest stay at the front, in order.
/// </summary>
public sealed class DynamicNoBinsPolicy : IBatchPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "dynamic_no_bins",
            "One FIFO queue, batch size min(b_mem, b_SLA) from global statistics and one SLA controller.",
            isBinned: false,
            DynamicBatcher.ParameterNames,
            (options, columns, _) => new DynamicNoBinsPolicy(options, columns)
        );

    private readonly RequestQueue _queue;
    private readonly long[] _requests = new long[1];
    private readonly long[] _batches = new long[1];

    public DynamicNoBinsPolicy(SchedulerOptions options, RequestColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Batcher = new DynamicBatcher(options, 1, columns);
        _queue = new RequestQueue(Math.Min(1 << 16, columns.ExpectedRequests));
    }

    public DynamicBatcher Batcher { get; }

    public int MaxBatchSize => Batcher.MaxBatchSize;

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
        if (_queue.Count == 0)
        {
            return 0; // never consult the controller for an empty queue: it changes state on every call
        }

        _batches[0]++;
        return Batcher.FormBatch(_queue, 0, batch);
    }

    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion) =>
        Batcher.OnBatchCompleted(group, batch, serviceTime, completion);
}
