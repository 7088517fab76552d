namespace MultiBinSim.Latency.StepTime;

/// <summary>The rows of a <c>fit:CSV</c> file and which optional columns it has.</summary>
/// <param name="Rows">The measured iterations, in file order.</param>
/// <param name="HasPrefillTokensSquared">
/// Whether the header has the optional <c>prefill_tokens_squared</c> column: it asks for the split fit
/// (<see cref="StepTimeFit.FitSplit"/>).
/// </param>
public sealed record StepTimeMeasurements(IReadOnlyList<StepTimeSample> Rows, bool HasPrefillTokensSquared);
