namespace MultiBinSim.Simulation.Continuous;

/// <summary>The iteration-level scheduling policy of the continuous engine (see README, "Continuous-batching engine").</summary>
public enum ContinuousPolicy
{
    /// <summary>vLLM's v0 scheduler: FCFS admission, prefill-only iterations, paged KV cache, preemption by recompute.</summary>
    Vllm,

    /// <summary>Sarathi-Serve: every iteration carries all decodes plus prefill chunks within a token budget.</summary>
    Sarathi,

    /// <summary>Orca: mixed prefill + decode iterations, no paging: prompt + output reserved at admission.</summary>
    Orca,

    /// <summary>Static batching at iteration level: a batch is admitted together and nothing joins until all of it finishes.</summary>
    Static,
}

/// <summary>Names of <see cref="ContinuousPolicy"/> values as configurations and the command line spell them.</summary>
public static class ContinuousPolicyNames
{
    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = ["vllm", "sarathi", "orca", "static"];

    /// <summary>The name of <paramref name="policy"/>.</summary>
    public static string Name(ContinuousPolicy policy) => All[(int)policy];

    /// <summary>The policy named <paramref name="name"/>; null when there is none.</summary>
    public static ContinuousPolicy? TryParse(string name)
    {
        int index = -1;
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
            }
        }

        return index < 0 ? null : (ContinuousPolicy)index;
    }
}
