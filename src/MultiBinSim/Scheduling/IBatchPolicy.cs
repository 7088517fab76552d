namespace MultiBinSim.Scheduling;

/// <summary>
/// A scheduling policy: where arriving requests wait, and which of them a free GPU takes as its next batch.
/// One instance per run (it holds the queues and controllers); calls must not allocate.
/// </summary>
public interface IBatchPolicy
{
    /// <summary>The largest batch this policy ever forms (the simulator sizes its per-GPU buffers with it).</summary>
    int MaxBatchSize { get; }

    bool HasWaiting { get; }

    void Enqueue(int request);

    /// <summary>
    /// Called when a GPU is free. Removes the next batch from the queues into <paramref name="batch"/> and returns its size
    /// (0 when nothing waits). <paramref name="group"/> names the controller/bin that formed it, for feedback.
    /// </summary>
    int FormBatch(Span<int> batch, out int group);

    /// <summary>Feedback when a batch completes at <paramref name="completion"/>: service time is completion minus start.</summary>
    void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion);

    /// <summary>The time of the policy's next timed action (e.g. a max-wait flush), or +infinity; most policies have none.</summary>
    double NextTimer => double.PositiveInfinity;

    /// <summary>Called at <see cref="NextTimer"/>, after every arrival and GPU-free event at that time.</summary>
    void OnTimer(double now) { }

    /// <summary>Called once, right after the last arrival has been enqueued.</summary>
    void OnArrivalsEnded() { }

    /// <summary>Bin boundaries, or null for a policy without bins.</summary>
    BinBoundaries? Boundaries { get; }

    /// <summary>Requests enqueued per bin (one entry for a policy without bins).</summary>
    ReadOnlySpan<long> RequestsPerBin { get; }

    /// <summary>Batches formed per bin (one entry for a policy without bins).</summary>
    ReadOnlySpan<long> BatchesPerBin { get; }
}
