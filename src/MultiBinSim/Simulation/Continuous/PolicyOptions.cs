using System.Globalization;
using System.Text.Json;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// A continuous policy's own options: what its descriptor (<see cref="ContinuousPolicy.OptionsOf"/>) resolves from the
/// run's <see cref="ContinuousOptions"/> and its implementation reads (the policies never read
/// <see cref="ContinuousOptions"/> itself). <see cref="ContinuousOptions"/> stays the one configuration surface (command
/// line, canonical configurations, test keys and fingerprints), so its flat properties name each value in option errors.
/// Each record validates and reports its own values: the run JSON's keys and the run table's rows for the policy.
/// </summary>
public abstract record PolicyOptions
{
    /// <summary>Tokens per KV-cache block.</summary>
    public required int BlockSize { get; init; }

    /// <summary><c>--max-batched-tokens</c> as given (null: not given); what it means is the policy's.</summary>
    public required int? MaxBatchedTokens { get; init; }

    /// <summary>The <c>max_batched_tokens</c> the run reports (null: no limit).</summary>
    public virtual int? ReportedBatchedTokens => MaxBatchedTokens;

    /// <summary>Records the policy's own invalid values (property names relative to <see cref="ContinuousOptions"/>).</summary>
    public virtual void Validate(Errors.ValidationErrors errors) { }

    /// <summary>The policy's keys of the run JSON, after <c>max_num_seqs</c>.</summary>
    public virtual void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ReportedBatchedTokens is { } tokens)
        {
            json.WriteNumber("max_batched_tokens", tokens);
        }
        else
        {
            json.WriteNull("max_batched_tokens");
        }
    }

    /// <summary>What the run table shows after the policy's name (empty, or e.g. its chunk size).</summary>
    public virtual string Detail => "";

    /// <summary>The run table's "max batched tokens" value.</summary>
    public virtual string BatchedTokensText => MaxBatchedTokens?.ToString(CultureInfo.InvariantCulture) ?? "no limit";
}
