using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation;

/// <summary>The outcome of one run: its metrics row, the per-request timeline (if recorded), and the bin boundaries it used.</summary>
/// <remarks><see cref="Timeline"/> is null when the run was asked not to record it.</remarks>
public sealed record SimulationResult(RunMetrics Metrics, RequestTimeline? Timeline, BinBoundaries? Boundaries);
