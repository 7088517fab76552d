namespace MultiBinSim.Experiments;

/// <summary>
/// How Step 3 (K sensitivity) picks its GPU count from Step 2's rows when no count is given (<c>--k-sweep-at</c>).
/// </summary>
public enum KSweepRule
{
    /// <summary>The GPU count with the highest capacity under SLA (the seed simulator's rule; the default).</summary>
    BestCapacity,

    /// <summary>
    /// The knee: the fewest GPUs whose SLA violation rate is at most <see cref="SuitePlanner.KneeViolationRate"/>
    /// (10 %), i.e. where the system is loaded and the bins have queues to sort. On the default synthetic trace the best
    /// capacity is reached at 100 GPUs, 15 % busy, where K cannot matter; the knee is where it can.
    /// </summary>
    Knee,
}
