using System.Runtime.CompilerServices;

namespace MultiBinSim.Simulation.Batch;

/// <summary>The arrivals of an in-memory workload: request i's slot is i; nothing is ever released (the run's timeline, when kept, records where requests went).</summary>
internal struct WorkloadArrivals(double[] arrivals, int count) : IArrivalSource
{
    private int _next;

    public readonly bool HasNext
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _next < count;
    }

    public readonly double NextArrival
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => arrivals[_next];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Admit() => _next++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Leave(int slot, int gpu, double start, double completion) { }
}
