namespace MultiBinSim.Latency.StepTime;

/// <summary>One half of a split step-time fit (<see cref="StepTimeFit.FitSplit"/>): the decode or the prefill rows.</summary>
/// <param name="Rows">Iterations in this half.</param>
/// <param name="RSquared">
/// Coefficient of determination of the combined model on this half's rows and their measured seconds (1 = exact).
/// </param>
/// <param name="ZeroedTerms">This half's terms the non-negativity constraint fixed at 0.</param>
public sealed record StepTimeFitPart(int Rows, double RSquared, IReadOnlyList<string> ZeroedTerms);
