namespace MultiBinSim.Experiments;

/// <summary>The grid's optimal configuration for one workload size (<see cref="SuitePlanner.Optimal"/>).</summary>
/// <param name="Gpus">GPU count.</param>
/// <param name="K">Bins.</param>
/// <param name="SlaViolationRate">Its request-SLA violation rate (mean over seeds).</param>
/// <param name="Fallback">True when no configuration met <see cref="SuitePlanner.OptimalViolationRate"/>: the lowest violation rate instead.</param>
public sealed record OptimalConfiguration(int Gpus, int K, double SlaViolationRate, bool Fallback);
