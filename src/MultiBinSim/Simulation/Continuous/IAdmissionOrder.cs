namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// A replica's waiting queue as the policies see it: the head is the next request to try. FCFS is
/// <see cref="FcfsAdmissionOrder"/>; another order (for example multi-bin bins) is one new implementation.
/// Preempted requests return to the front (<see cref="PushFront"/>).
/// </summary>
internal interface IAdmissionOrder
{
    int Count { get; }

    /// <summary>A request arrives (was routed here).</summary>
    void Enqueue(int request);

    /// <summary>A preempted request returns; it is tried before every arrival.</summary>
    void PushFront(int request);

    /// <summary>A policy starts its admissions at one iteration boundary (multi-bin admission selects its bin per round).</summary>
    void BeginRound();

    /// <summary>The request the policy should try next, if any.</summary>
    bool TryPeek(out int request);

    /// <summary>Removes the request <see cref="TryPeek"/> returned.</summary>
    void RemoveHead();
}
