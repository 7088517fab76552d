using System.Runtime.CompilerServices;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Batch;

/// <summary>
/// The arrivals of an in-memory workload: request i's slot is i; nothing is ever released (the run's timeline, when
/// kept, records where requests went). Reports progress every <see cref="RequestWindow.ProgressEvery"/> arrivals, as
/// a request window does.
/// </summary>
internal struct WorkloadArrivals(double[] arrivals, int count, Action<RunProgress>? progress) : IArrivalSource
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
    public int Admit()
    {
        int request = _next++;
        if ((_next & (RequestWindow.ProgressEvery - 1)) == 0 && progress is not null)
        {
            progress(new RunProgress(_next, count, arrivals[request]));
        }

        return request;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Leave(int slot, int gpu, double start, double completion) { }
}
