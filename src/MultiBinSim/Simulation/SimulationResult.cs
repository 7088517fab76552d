using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation;

/// <summary>The outcome of one run: its metrics row, the per-request timeline (if recorded), and the bin boundaries it used.</summary>
/// <remarks><see cref="Timeline"/> is null when the run was asked not to record it.</remarks>
public sealed record SimulationResult(RunMetrics Metrics, RequestTimeline? Timeline, BinBoundaries? Boundaries)
{
    /// <summary>
    /// The continuous engine's per-request token times (first token, completion, replica, preemptions); null for the batch engine or when no timeline was
    /// recorded.
    /// </summary>
    public Continuous.ContinuousTimeline? Continuous { get; init; }
}
