namespace MultiBinSim.Scheduling;

/// <summary>
/// How many requests a batch takes from the queue a shape selected, the other half of a composed batch policy
/// (<see cref="ComposedPolicy"/>): a fixed size (<see cref="FixedBatchSizer"/>) or min(b_mem, b_SLA) from per-group
/// statistics and controllers (<see cref="DynamicBatcher"/>).
/// </summary>
public interface IBatchSizer
{
    /// <summary>The largest batch it ever forms.</summary>
    int MaxBatchSize { get; }

    /// <summary>Removes the next batch from <paramref name="queue"/> (of <paramref name="group"/>) into <paramref name="batch"/>; returns its size.</summary>
    int Take(RequestQueue queue, int group, Span<int> batch);

    /// <summary>Feedback when a batch of <paramref name="group"/> completes (service time = completion - start).</summary>
    void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion);
}
