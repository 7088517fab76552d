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
