namespace MultiBinSim.Latency.StepTime;

/// <summary>One measured iteration: what it held and how long it took (one row of a <c>fit:CSV</c> file).</summary>
/// <param name="Sequences">Sequences in the iteration (prefill and decode), at least 1.</param>
/// <param name="PrefillTokens">Prompt tokens processed in the iteration.</param>
/// <param name="DecodeContextTokens">Context tokens of the iteration's decode sequences.</param>
/// <param name="Seconds">Measured iteration time.</param>
public readonly record struct StepTimeSample(long Sequences, long PrefillTokens, long DecodeContextTokens, double Seconds)
{
    /// <summary>
    /// The sum over the iteration's prefill chunks of (chunk length)^2 (the optional <c>prefill_tokens_squared</c>
    /// column; 0 when the file has none, and always 0 for a decode iteration).
    /// </summary>
    public long PrefillTokensSquared { get; init; }

    /// <summary>Whether the iteration is a decode iteration (no prompt tokens), as the split fit divides rows.</summary>
    public bool IsDecode => PrefillTokens == 0;
}
