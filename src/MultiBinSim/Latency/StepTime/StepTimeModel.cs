namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The time of one iteration of a continuous-batching replica, linear in what the iteration holds:
/// <c>t = Base + PerSequence * sequences + PerPrefillToken * prompt tokens processed + PerKvToken * context tokens of
/// its decode sequences</c> (seconds). Every preset (linear, pang, roofline, fit) resolves to these four terms, so
/// a stretch of identical decode iterations has times in an arithmetic series that the engine sums in closed form.
/// </summary>
/// <param name="Label">How the model was specified, for tables and result rows (for example <c>pang</c>).</param>
public sealed record StepTimeModel(double Base, double PerSequence, double PerPrefillToken, double PerKvToken, string Label)
{
    /// <summary>Seconds for one iteration.</summary>
    public double IterationTime(int sequences, long prefillTokens, long decodeContextTokens) =>
        Base + PerSequence * sequences + PerPrefillToken * prefillTokens + PerKvToken * decodeContextTokens;
}
