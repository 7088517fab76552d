using System.Text.Json.Serialization;
using MultiBinSim.Errors;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The time of one iteration of a continuous-batching replica, linear in what the iteration holds:
/// <c>t = Base + PerSequence * sequences + PerPrefillToken * prompt tokens processed + PerKvToken * context tokens of
/// its decode sequences</c> (seconds). Every preset (linear, pang, roofline, fit) resolves to these four terms, so
/// a stretch of identical decode iterations has times in an arithmetic series that the engine sums in closed form.
/// <para>
/// A split <c>fit:CSV</c> (<see cref="StepTimeFit"/>) adds two terms charged only to iterations that carry prompt
/// tokens: <see cref="PrefillBase"/> and <see cref="PerPrefillTokenSquared"/>, which the four-argument
/// <see cref="IterationTime(int, long, long, long)"/> adds. Both default to 0, so decode iterations stay linear and
/// every other model is unchanged; a model whose extra terms are 0 serializes as before (they are omitted from its
/// canonical JSON, so result fingerprints do not move).
/// </para>
/// </summary>
/// <param name="Label">How the model was specified, for tables and result rows (for example <c>pang</c>).</param>
public sealed record StepTimeModel(double Base, double PerSequence, double PerPrefillToken, double PerKvToken, string Label)
{
    /// <summary>
    /// Seconds per squared prompt token: multiplied by the sum over the iteration's prefill chunks of (chunk length)^2,
    /// since attention over a chunk is quadratic in its length. Charged only to iterations with prompt tokens; 0 unless
    /// fitted.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double PerPrefillTokenSquared { get; init; }

    /// <summary>
    /// Extra seconds of an iteration that carries prompt tokens (prefill or mixed) over a decode iteration of the same
    /// sequences and context; 0 unless fitted.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double PrefillBase { get; init; }

    /// <summary>Seconds for one iteration, from the four linear terms only (<see cref="PrefillBase"/> and
    /// <see cref="PerPrefillTokenSquared"/> are not charged).</summary>
    public double IterationTime(int sequences, long prefillTokens, long decodeContextTokens) =>
        Base + PerSequence * sequences + PerPrefillToken * prefillTokens + PerKvToken * decodeContextTokens;

    /// <summary>
    /// Seconds for one iteration with every term: the linear terms of
    /// <see cref="IterationTime(int, long, long)"/>, plus, when <paramref name="prefillTokens"/> > 0,
    /// <see cref="PrefillBase"/> + <see cref="PerPrefillTokenSquared"/> * <paramref name="prefillTokensSquared"/>
    /// (the sum of the squared lengths of the iteration's prefill chunks; 0 when it has none). A decode iteration
    /// (<paramref name="prefillTokens"/> = 0) costs exactly what the three-argument overload gives, and so does any
    /// iteration of a model whose extra terms are 0.
    /// </summary>
    public double IterationTime(int sequences, long prefillTokens, long prefillTokensSquared, long decodeContextTokens)
    {
        double linear = IterationTime(sequences, prefillTokens, decodeContextTokens);
        return prefillTokens > 0 ? linear + PrefillBase + PerPrefillTokenSquared * prefillTokensSquared : linear;
    }

    /// <summary>
    /// Every invalid term, each a one-line error keyed by <paramref name="property"/>: <see cref="Base"/> must be finite
    /// and > 0, the other terms finite and >= 0 (an empty list when the model is valid). The messages of the four linear
    /// terms are those <c>ContinuousOptions.Validate</c> has always given, so it can call this in their place.
    /// </summary>
    public IReadOnlyList<ConfigurationError> Validate(string property)
    {
        var errors = new ValidationErrors();
        errors.Require(Base > 0 && double.IsFinite(Base), property, $"base time must be a finite number > 0 (got {Base})");
        errors.Require(PerSequence >= 0 && double.IsFinite(PerSequence), property, $"per-sequence time must be finite and >= 0 (got {PerSequence})");
        errors.Require(
            PerPrefillToken >= 0 && double.IsFinite(PerPrefillToken),
            property,
            $"per-prefill-token time must be finite and >= 0 (got {PerPrefillToken})"
        );
        errors.Require(PerKvToken >= 0 && double.IsFinite(PerKvToken), property, $"per-KV-token time must be finite and >= 0 (got {PerKvToken})");
        errors.Require(
            PerPrefillTokenSquared >= 0 && double.IsFinite(PerPrefillTokenSquared),
            property,
            $"per-squared-prefill-token time must be finite and >= 0 (got {PerPrefillTokenSquared})"
        );
        errors.Require(PrefillBase >= 0 && double.IsFinite(PrefillBase), property, $"prefill base time must be finite and >= 0 (got {PrefillBase})");
        return errors.Errors;
    }
}
