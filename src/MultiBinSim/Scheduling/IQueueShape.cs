namespace MultiBinSim.Scheduling;

/// <summary>
/// Where arriving requests wait, one half of a composed batch policy (<see cref="ComposedPolicy"/>): one FIFO queue
/// (<see cref="FifoQueueShape"/>) or K bins by predicted length (<see cref="BinQueues"/>). The shape picks the queue a
/// free GPU serves; the batch sizer (<see cref="IBatchSizer"/>) decides how many of its requests it takes.
/// </summary>
public interface IQueueShape
{
    /// <summary>Whether any request waits.</summary>
    bool HasWaiting { get; }

    /// <summary>Bin boundaries, or null for a shape without bins.</summary>
    BinBoundaries? Boundaries { get; }

    /// <summary>Requests enqueued per queue.</summary>
    ReadOnlySpan<long> RequestsPerBin { get; }

    /// <summary>Batches formed per queue.</summary>
    ReadOnlySpan<long> BatchesPerBin { get; }

    /// <summary>Puts an arriving request in its queue.</summary>
    void Enqueue(int request);

    /// <summary>The queue a free GPU serves next (its group for the sizer's feedback), or -1 when nothing waits.</summary>
    int Select();

    /// <summary>The queue of <paramref name="group"/>.</summary>
    RequestQueue Queue(int group);

    /// <summary>Records that a batch of <paramref name="taken"/> requests was formed from <paramref name="group"/>'s queue.</summary>
    void Took(int group, int taken);
}
