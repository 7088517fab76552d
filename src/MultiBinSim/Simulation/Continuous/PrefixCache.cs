using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// One replica's automatic prefix cache (README, "Prefix caching"), after vLLM v1's block pool: full prompt blocks
/// with a shared identity (a <see cref="PrefixBlocks"/> node) stay cached after their last user frees them, in a free
/// queue in the order blocks were freed (a request frees its blocks last-first), and are evicted from its head only
/// when a block is needed. The queue holds runs of plain blocks (no identity: never hit again) and single cached nodes,
/// so its cost grows with shared blocks, not with all blocks. Counts of used and free blocks stay in the replica's
/// <see cref="KvBlockAllocator"/>; this class keeps which free blocks are which.
/// Per request (<see cref="SequenceTable"/>): the leading shared blocks it references (<c>RefShared</c>); a request
/// that computes a block another request has cached meanwhile keeps its copy as a plain block and publishes nothing
/// after it (<c>Broken</c>).
/// </summary>
internal sealed class PrefixCache
{
    private const int Plain = -1;
    private readonly PrefixBlocks _blocks;
    private readonly SequenceTable _seq;
    private readonly KvBlockAllocator _kv;
    private readonly int _blockSize;
    private readonly int[] _refs;
    private readonly int[] _entryOf;
    private int[] _next = new int[64];
    private int[] _prev = new int[64];
    private int[] _value = new int[64];
    private long[] _count = new long[64];
    private int _entries;
    private int _head = -1;
    private int _tail = -1;
    private int _spare = -1;

    public PrefixCache(PrefixBlocks blocks, SequenceTable seq, KvBlockAllocator kv)
    {
        _blocks = blocks;
        _seq = seq;
        _kv = kv;
        _blockSize = kv.BlockSize;
        _refs = new int[blocks.NodeCount];
        _entryOf = new int[blocks.NodeCount];
        Array.Fill(_entryOf, -1);
        AppendPlain(kv.Total);
    }

    /// <summary>Leading full prompt blocks of <paramref name="request"/> with a shared identity.</summary>
    public int Shared(int request) => Math.Min(_blocks.Shared(request), _seq.Prompt[request] / _blockSize);

    /// <summary>
    /// The longest run of leading blocks of <paramref name="request"/> that are cached, at most
    /// <paramref name="maxBlocks"/>; <paramref name="evictable"/> of them are free (they leave the free queue when taken).
    /// </summary>
    public int Hits(int request, int maxBlocks, out int evictable)
    {
        int limit = Math.Min(Shared(request), maxBlocks);
        int h = 0;
        evictable = 0;
        while (h < limit)
        {
            int node = _blocks.Node(request, h);
            if (_refs[node] > 0)
            {
                h++;
            }
            else if (_entryOf[node] >= 0)
            {
                evictable++;
                h++;
            }
            else
            {
                break;
            }
        }

        return h;
    }

    /// <summary><paramref name="request"/> references its first <paramref name="hits"/> blocks from the cache (as <see cref="Hits"/> found them).</summary>
    public void Take(int request, int hits)
    {
        for (int j = 0; j < hits; j++)
        {
            int node = _blocks.Node(request, j);
            if (_refs[node]++ == 0)
            {
                Remove(_entryOf[node]);
                _entryOf[node] = -1;
                _kv.Allocate(1);
            }
        }

        _seq.RefShared![request] = hits;
        _seq.Broken![request] = false;
    }

    /// <summary>Takes <paramref name="blocks"/> new blocks: the allocator counts them, the free queue's head gives them (evicting cached nodes).</summary>
    public void AllocateFresh(long blocks)
    {
        _kv.Allocate(blocks);
        Evict(blocks);
    }

    /// <summary>Removes <paramref name="blocks"/> blocks from the head of the free queue (their allocation is counted separately).</summary>
    public void Evict(long blocks)
    {
        while (blocks > 0)
        {
            int e = _head;
            if (_value[e] == Plain)
            {
                long take = Math.Min(_count[e], blocks);
                _count[e] -= take;
                blocks -= take;
                if (_count[e] == 0)
                {
                    Remove(e);
                }
            }
            else
            {
                _entryOf[_value[e]] = -1;
                Remove(e);
                blocks--;
            }
        }
    }

    /// <summary>
    /// After <paramref name="request"/>'s first <paramref name="fullBlocks"/> blocks are full: its next shared blocks
    /// join the cache (vLLM caches a block when it is scheduled full), unless another request cached one first.
    /// </summary>
    public void Publish(int request, int fullBlocks)
    {
        int[] refShared = _seq.RefShared!;
        int limit = Math.Min(fullBlocks, Shared(request));
        while (!_seq.Broken![request] && refShared[request] < limit)
        {
            int node = _blocks.Node(request, refShared[request]);
            if (_refs[node] > 0 || _entryOf[node] >= 0)
            {
                _seq.Broken[request] = true;
                return;
            }

            _refs[node] = 1;
            refShared[request]++;
        }
    }

    /// <summary>
    /// Frees the <paramref name="held"/> blocks of <paramref name="request"/>, last first as vLLM does: its plain blocks
    /// first, then its shared blocks from the last, each cached in the free queue when no other request uses it.
    /// </summary>
    public void Release(int request, long held)
    {
        int shared = _seq.RefShared![request];
        long plain = held - shared;
        _kv.Release(plain);
        AppendPlain(plain);
        for (int j = shared - 1; j >= 0; j--)
        {
            int node = _blocks.Node(request, j);
            if (--_refs[node] == 0)
            {
                _kv.Release(1);
                _entryOf[node] = Append(node, 1);
            }
        }

        _seq.RefShared[request] = 0;
        _seq.Broken![request] = false;
    }

    private void AppendPlain(long blocks)
    {
        if (blocks <= 0)
        {
            return;
        }

        if (_tail >= 0 && _value[_tail] == Plain)
        {
            _count[_tail] += blocks;
            return;
        }

        Append(Plain, blocks);
    }

    private int Append(int value, long count)
    {
        int e;
        if (_spare >= 0)
        {
            e = _spare;
            _spare = _next[e];
        }
        else
        {
            if (_entries == _next.Length)
            {
                Array.Resize(ref _next, _entries * 2);
                Array.Resize(ref _prev, _entries * 2);
                Array.Resize(ref _value, _entries * 2);
                Array.Resize(ref _count, _entries * 2);
            }

            e = _entries++;
        }

        _value[e] = value;
        _count[e] = count;
        _next[e] = -1;
        _prev[e] = _tail;
        if (_tail >= 0)
        {
            _next[_tail] = e;
        }
        else
        {
            _head = e;
        }

        _tail = e;
        return e;
    }

    private void Remove(int e)
    {
        int p = _prev[e],
            n = _next[e];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
        }
        else
        {
            _tail = p;
        }

        _next[e] = _spare;
        _spare = e;
    }
}
