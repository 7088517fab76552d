namespace MultiBinSim.Simulation.Continuous;

/// <summary>First come, first served: a growable ring buffer (double-ended: preempted requests go to the front).</summary>
internal sealed class FcfsAdmissionOrder : IAdmissionOrder
{
    private int[] _items = new int[16];
    private int _head;

    public static ContinuousAdmission Kind { get; } =
        new("fcfs", "first come, first served (preempted requests first)", usesBins: false, _ => new FcfsAdmissionOrder());

    public int Count { get; private set; }

    public void Enqueue(int request)
    {
        Grow();
        _items[(_head + Count) & (_items.Length - 1)] = request;
        Count++;
    }

    public void PushFront(int request)
    {
        Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = request;
        Count++;
    }

    public void BeginRound() { }

    public bool TryPeek(out int request)
    {
        request = Count > 0 ? _items[_head] : -1;
        return Count > 0;
    }

    public void RemoveHead()
    {
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }

        var bigger = new int[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
