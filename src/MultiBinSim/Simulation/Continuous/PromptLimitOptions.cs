namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// The options of the policies that admit whole prompts (vllm, orca, static): the block size and
/// <see cref="PolicyOptions.MaxBatchedTokens"/>, the most prompt tokens one iteration admits (null: no limit).
/// </summary>
public sealed record PromptLimitOptions : PolicyOptions
{
    /// <summary>Resolved from the run's options.</summary>
    public static PromptLimitOptions From(ContinuousOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PromptLimitOptions { BlockSize = options.BlockSize, MaxBatchedTokens = options.MaxBatchedTokens };
    }
}
