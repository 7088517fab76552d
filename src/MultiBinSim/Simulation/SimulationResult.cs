using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation;

/// <summary>The outcome of one run: its metrics row, the per-request timeline, and the bin boundaries it used.</summary>
public sealed record SimulationResult(RunMetrics Metrics, RequestTimeline Timeline, BinBoundaries? Boundaries);
