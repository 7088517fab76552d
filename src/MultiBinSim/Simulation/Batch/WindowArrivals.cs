using System.Runtime.CompilerServices;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Batch;

/// <summary>The arrivals of a streamed workload, through its <see cref="RequestWindow"/>.</summary>
internal readonly struct WindowArrivals(RequestWindow window) : IArrivalSource
{
    public bool HasNext
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => window.HasNext;
    }

    public double NextArrival
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => window.NextArrival;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Admit() => window.Admit();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(int slot) => window.Release(slot);
}
