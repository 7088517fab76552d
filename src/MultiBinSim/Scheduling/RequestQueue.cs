using System.Runtime.CompilerServices;

namespace MultiBinSim.Scheduling;

/// <summary>
/// A FIFO of request indices on a growable ring buffer. Batchers look at the front without removing
/// (<see cref="PeekAt"/>) and then remove exactly what they keep, which is the same as the original simulator's
/// "pop candidates, push the unused back to the front in their order" without moving anything.
/// </summary>
public sealed class RequestQueue
{
    private int[] _items;
    private int _head;

    public RequestQueue(int initialCapacity = 64)
    {
        _items = new int[Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)initialCapacity))];
    }

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(int request)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = request;
        Count++;
    }

    /// <summary>The request at position <paramref name="offset"/> from the front (0 = oldest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PeekAt(int offset) => _items[(_head + offset) & (_items.Length - 1)];

    /// <summary>Removes the first <paramref name="destination"/>.Length requests into <paramref name="destination"/>.</summary>
    public void DequeueInto(Span<int> destination)
    {
        if (destination.Length > Count)
        {
            throw new InvalidOperationException($"Cannot dequeue {destination.Length} of {Count} requests.");
        }

        int mask = _items.Length - 1;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = _items[(_head + i) & mask];
        }

        _head = (_head + destination.Length) & mask;
        Count -= destination.Length;
    }

    private void Grow()
    {
        var bigger = new int[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
