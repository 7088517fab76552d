namespace MultiBinSim.Simulation.Batch;

/// <summary>
/// Where the batch engine's arrivals come from: an in-memory workload (<see cref="WorkloadArrivals"/>: a request's slot
/// is its position) or a streamed one (<see cref="WindowArrivals"/>: slots of a request window, reused). Implemented by
/// structs, so the event loop is compiled once per source with the calls inlined.
/// </summary>
internal interface IArrivalSource
{
    /// <summary>Whether a request is still to arrive.</summary>
    bool HasNext { get; }

    /// <summary>The next request's arrival (s); only when <see cref="HasNext"/>.</summary>
    double NextArrival { get; }

    /// <summary>Takes the next request; returns the slot its columns are at.</summary>
    int Admit();

    /// <summary>
    /// The request in <paramref name="slot"/> has completed on <paramref name="gpu"/> (its batch ran from
    /// <paramref name="start"/> to <paramref name="completion"/>) or been rejected (<paramref name="gpu"/> is
    /// <see cref="RequestTimeline.Rejected"/>, the times NaN).
    /// </summary>
    void Leave(int slot, int gpu, double start, double completion);
}
