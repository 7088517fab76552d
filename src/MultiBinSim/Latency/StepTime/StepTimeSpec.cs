namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// A resolved <c>Continuous.StepModel</c> specification: the linear <see cref="StepTimeModel"/> every preset comes down
/// to, plus what the preset knows beyond it.
/// </summary>
/// <param name="Model">The iteration-time model the engine uses.</param>
/// <param name="Summary">One line saying where the four terms come from, for the command line to print.</param>
/// <param name="Memory">The replica's memory figures for KV-cache sizing (<c>roofline</c> only; null otherwise).</param>
/// <param name="Fit">The least-squares fit behind a <c>fit:CSV</c> model (null otherwise).</param>
public sealed record StepTimeSpec(StepTimeModel Model, string Summary, ReplicaMemory? Memory = null, StepTimeFit? Fit = null);
