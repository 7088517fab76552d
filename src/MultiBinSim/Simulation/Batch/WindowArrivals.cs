using System.Runtime.CompilerServices;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Batch;

/// <summary>
/// The arrivals of a streamed workload, through its <see cref="RequestWindow"/>; each request that leaves is handed to
/// <paramref name="recorder"/> (when given) before its slot is reused.
/// </summary>
internal readonly struct WindowArrivals(RequestWindow window, IRequestRecorder? recorder) : IArrivalSource
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
    public void Leave(int slot, int gpu, double start, double completion)
    {
        if (recorder is not null)
        {
            Record(slot, gpu, start, completion);
        }

        window.Release(slot);
    }

    private void Record(int slot, int gpu, double start, double completion)
    {
        var columns = window.Columns;
        var record = new RequestRecord
        {
            Sequence = window.SequenceOf(slot),
            Id = window.IdOf(slot),
            Arrival = columns.Arrivals[slot],
            Prompt = columns.Prompt[slot],
            Output = columns.Output[slot],
            Predicted = columns.Predicted[slot],
            Replica = gpu,
            Admission = start,
            FirstToken = double.NaN,
            Completion = completion,
            Preemptions = -1,
            DecodeReplica = RequestTimeline.NotServed,
            KvTransfer = double.NaN,
        };
        recorder!.Record(record);
    }
}
