namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>How the continuous engine sets each replica's max-num-seqs (arXiv 2503.05248).</summary>
public enum BatchingMode
{
    /// <summary><see cref="ContinuousOptions.MaxNumSeqs"/> as given (vLLM's static setting, the paper's baseline).</summary>
    Fixed,

    /// <summary>
    /// Each replica's max-num-seqs is b* = min(b_mem, b_SLA), recomputed after every iteration
    /// (<see cref="DynamicBatchController"/>).
    /// </summary>
    Dynamic,
}

/// <summary>Command-line spellings of <see cref="BatchingMode"/>.</summary>
public static class BatchingModeNames
{
    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = ["fixed", "dynamic"];

    /// <summary>The mode named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static BatchingMode? TryParse(string name) => name?.ToLowerInvariant() switch
    {
        "fixed" => BatchingMode.Fixed,
        "dynamic" => BatchingMode.Dynamic,
        _ => null,
    };
}
