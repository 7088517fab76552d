using System.Globalization;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>vLLM v1's options (<see cref="VllmV1Policy"/>): one token budget per iteration for decodes and prefill chunks.</summary>
public sealed record VllmV1Options : PolicyOptions
{
    /// <summary>
    /// The default token budget: vLLM's default <c>max_num_batched_tokens</c> for its OpenAI-compatible server on GPUs
    /// with less than 70 GiB (2048; 8192 on H100-class GPUs), the starting point its optimization guide tunes from
    /// (README, "vLLM v1").
    /// </summary>
    public const int DefaultTokenBudget = 2048;

    /// <summary>The most sequences running at once (vLLM requires the budget to be at least this).</summary>
    public required int MaxNumSeqs { get; init; }

    /// <summary>The iteration's token budget: <c>--max-batched-tokens</c>, else <see cref="DefaultTokenBudget"/>.</summary>
    public int TokenBudget => MaxBatchedTokens ?? DefaultTokenBudget;

    /// <inheritdoc />
    public override int? ReportedBatchedTokens => TokenBudget;

    /// <summary>Resolved from the run's options.</summary>
    public static VllmV1Options From(ContinuousOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new VllmV1Options
        {
            BlockSize = options.BlockSize,
            MaxBatchedTokens = options.MaxBatchedTokens,
            MaxNumSeqs = options.MaxNumSeqs,
        };
    }

    /// <summary>vLLM requires max-num-batched-tokens &gt;= max-num-seqs (its SchedulerConfig check).</summary>
    public override void Validate(Errors.ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(
            TokenBudget >= MaxNumSeqs,
            nameof(ContinuousOptions.MaxBatchedTokens),
            $"must be at least the max-num-seqs ({MaxNumSeqs}) with vllm-v1, as vLLM requires (got {TokenBudget})"
        );
    }

    /// <inheritdoc />
    public override string BatchedTokensText => TokenBudget.ToString(CultureInfo.InvariantCulture) + " (token budget: decodes and prefill chunks)";
}
