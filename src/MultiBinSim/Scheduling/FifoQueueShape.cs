namespace MultiBinSim.Scheduling;

/// <summary>One FIFO queue for every request: the shape of the schedulers without bins.</summary>
public sealed class FifoQueueShape(int expectedRequests) : IQueueShape
{
    private readonly RequestQueue _queue = new(Math.Min(1 << 16, expectedRequests));
    private readonly long[] _requests = new long[1];
    private readonly long[] _batches = new long[1];

    /// <inheritdoc />
    public bool HasWaiting => _queue.Count > 0;

    /// <inheritdoc />
    public BinBoundaries? Boundaries => null;

    /// <inheritdoc />
    public ReadOnlySpan<long> RequestsPerBin => _requests;

    /// <inheritdoc />
    public ReadOnlySpan<long> BatchesPerBin => _batches;

    /// <inheritdoc />
    public void Enqueue(int request)
    {
        _queue.Enqueue(request);
        _requests[0]++;
    }

    /// <inheritdoc />
    public int Select() => _queue.Count > 0 ? 0 : -1;

    /// <inheritdoc />
    public RequestQueue Queue(int group) => _queue;

    /// <inheritdoc />
    public void Took(int group, int taken) => _batches[0]++;
}
