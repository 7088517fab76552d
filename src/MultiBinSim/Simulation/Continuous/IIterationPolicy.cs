namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// A continuous-batching policy: which requests are admissible at all, and what the next iteration of a replica
/// holds. <see cref="Plan"/> runs at every iteration boundary; it admits requests from the replica's
/// <see cref="IAdmissionOrder"/>, schedules prefill tokens and decides whether the decode sequences run
/// (preempting through <see cref="ReplicaState.EnsureDecodeBlocks"/> when the KV cache lacks a block).
/// </summary>
internal interface IIterationPolicy
{
    /// <summary>Sequences hold blocks for prompt + output from admission on (no growth, no preemption).</summary>
    bool ReservesOutput { get; }

    /// <summary>
    /// Preemption takes the running request admitted last (vLLM v1's running list) rather than the one that arrived
    /// last (vLLM v0, Sarathi-Serve).
    /// </summary>
    bool PreemptsLatestAdmitted { get; }

    /// <summary>Requests may join while others run (false only for static batching).</summary>
    bool AdmitsIntoRunningBatch { get; }

    /// <summary>Whether a request could ever complete on an empty replica; if not it is rejected on arrival.</summary>
    bool CanEverFit(int prompt, int output);

    /// <summary>Plans the iteration <paramref name="replica"/> starts at <paramref name="now"/> (it may plan nothing).</summary>
    void Plan(ReplicaState replica, double now);
}
