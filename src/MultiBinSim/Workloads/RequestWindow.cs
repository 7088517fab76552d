using System.Runtime.CompilerServices;

namespace MultiBinSim.Workloads;

/// <summary>
/// The requests of a streamed run that have arrived and not yet left, in bounded memory: a
/// <see cref="WorkloadStream"/> read a chunk ahead, and <see cref="RequestColumns"/> whose slots are reused. A request
/// gets a free slot when it arrives (<see cref="Admit"/>) and gives it back when it completes or is rejected
/// (<see cref="Release"/>); policies see slots where an in-memory run has request positions, which is all they use
/// request numbers for (indexing columns; queue order is their own). The columns double when every slot is taken, so
/// memory follows the most requests ever in flight, not the workload's length.
/// </summary>
public sealed class RequestWindow
{
    /// <summary>Arrivals between two calls of <see cref="Progress"/> (a power of two).</summary>
    public const int ProgressEvery = 1 << 20;

    /// <summary>Slots a window starts with.</summary>
    public const int InitialSlots = 64;

    private readonly WorkloadStream _stream;
    private readonly WorkloadChunk _chunk;
    private int[] _free;
    private int[] _ids;
    private long[] _sequence;
    private int _freeCount;
    private int _position;

    public RequestWindow(WorkloadStream stream, int chunkCapacity = WorkloadChunk.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _chunk = new WorkloadChunk(chunkCapacity);
        int slots = InitialSlots;
        Columns = new RequestColumns(new double[slots], new int[slots], new int[slots], new int[slots], slots);
        _free = new int[slots];
        _ids = new int[slots];
        _sequence = new long[slots];
        PushFree(0, slots);
        _stream.Read(_chunk);
    }

    /// <summary>Called every <see cref="ProgressEvery"/> arrivals (on the run's thread), or never when null.</summary>
    public Action<RunProgress>? Progress { get; init; }

    /// <summary>The columns of the requests in flight, by slot.</summary>
    public RequestColumns Columns { get; }

    /// <summary>Whether a request is still to arrive.</summary>
    public bool HasNext => _position < _chunk.Count;

    /// <summary>The next request's arrival (s); only when <see cref="HasNext"/>.</summary>
    public double NextArrival => _chunk.Arrivals[_position];

    /// <summary>Requests admitted so far.</summary>
    public long Admitted { get; private set; }

    /// <summary>The first request's arrival (s); NaN before any.</summary>
    public double FirstArrival { get; private set; } = double.NaN;

    /// <summary>The latest arrival admitted (s).</summary>
    public double LastArrival { get; private set; }

    /// <summary>Requests admitted and not yet released.</summary>
    public int InFlight => Columns.Capacity - _freeCount;

    /// <summary>The most requests ever in flight at once.</summary>
    public int PeakInFlight { get; private set; }

    /// <summary>Moves the next request into a free slot and returns the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Admit()
    {
        if (_freeCount == 0)
        {
            Grow();
        }

        int slot = _free[--_freeCount];
        int row = _position;
        double arrival = _chunk.Arrivals[row];
        var columns = Columns;
        columns.Arrivals[slot] = arrival;
        columns.Prompt[slot] = _chunk.Prompt[row];
        columns.Output[slot] = _chunk.Output[row];
        columns.Predicted[slot] = _chunk.Predicted[row];
        _ids[slot] = _chunk.Ids[row];
        _sequence[slot] = Admitted;
        if (Admitted++ == 0)
        {
            FirstArrival = arrival;
        }

        LastArrival = arrival;
        if ((Admitted & (ProgressEvery - 1)) == 0 && Progress is { } progress)
        {
            progress(new RunProgress(Admitted, _stream.Count, arrival));
        }

        PeakInFlight = Math.Max(PeakInFlight, Columns.Capacity - _freeCount);
        if (++_position == _chunk.Count)
        {
            _position = 0;
            _stream.Read(_chunk);
        }

        return slot;
    }

    /// <summary>The data row in the trace of the request in <paramref name="slot"/> (<see cref="Workload.Ids"/>).</summary>
    public int IdOf(int slot) => _ids[slot];

    /// <summary>The position in the workload (0-based arrival order) of the request in <paramref name="slot"/>.</summary>
    public long SequenceOf(int slot) => _sequence[slot];

    /// <summary>Gives <paramref name="slot"/> back once its request has completed or been rejected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(int slot) => _free[_freeCount++] = slot;

    private void Grow()
    {
        int old = Columns.Capacity;
        Columns.Grow(old * 2);
        Array.Resize(ref _free, old * 2);
        Array.Resize(ref _ids, old * 2);
        Array.Resize(ref _sequence, old * 2);
        PushFree(old, old * 2);
    }

    /// <summary>Pushes slots from .. to - 1 so that the lowest is taken first.</summary>
    private void PushFree(int from, int to)
    {
        for (int slot = to - 1; slot >= from; slot--)
        {
            _free[_freeCount++] = slot;
        }
    }
}
