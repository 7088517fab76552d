namespace MultiBinSim.Scheduling;

/// <summary>Batches of up to a fixed size, in queue order, with no feedback (static_fifo's 8, multi_bin_fixed's B).</summary>
public sealed class FixedBatchSizer(int batchSize) : IBatchSizer
{
    /// <inheritdoc />
    public int MaxBatchSize => batchSize;

    /// <inheritdoc />
    public int Take(RequestQueue queue, int group, Span<int> batch)
    {
        ArgumentNullException.ThrowIfNull(queue);
        int size = Math.Min(batchSize, queue.Count);
        queue.DequeueInto(batch[..size]);
        return size;
    }

    /// <inheritdoc />
    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion)
    {
        // No feedback: the batch size is fixed.
    }
}
