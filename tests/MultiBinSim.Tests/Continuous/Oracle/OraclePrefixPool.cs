using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>
/// The prefix cache in the oracle: every physical block on its own (an id, a reference count, the node it holds if
/// cached), one free queue of block ids (allocation from its head, a freed request's blocks appended last-first), a map
/// from node to the block holding it. The same documented model as the engine's aggregate <c>PrefixCache</c>
/// (README, "Prefix caching"), written the way vLLM's block pool is.
/// </summary>
internal sealed class OraclePrefixPool
{
    private readonly PrefixBlocks _blocks;
    private readonly int[] _prompt;
    private readonly int _blockSize;
    private readonly LinkedList<int> _free = new();
    private readonly LinkedListNode<int>[] _freeNode;
    private readonly int[] _refs;
    private readonly int[] _holds;
    private readonly Dictionary<int, int> _cached = [];

    public OraclePrefixPool(PrefixBlocks blocks, int[] prompt, long total, int blockSize)
    {
        _blocks = blocks;
        _prompt = prompt;
        _blockSize = blockSize;
        _freeNode = new LinkedListNode<int>[total];
        _refs = new int[total];
        _holds = new int[total];
        Array.Fill(_holds, -1);
        for (int b = 0; b < total; b++)
        {
            _freeNode[b] = _free.AddLast(b);
        }
    }

    public long Used => _freeNode.Length - _free.Count;

    private int Shared(Seq s) => Math.Min(_blocks.Shared(s.Id), _prompt[s.Id] / _blockSize);

    /// <summary>Leading cached blocks of <paramref name="s"/> (at most <paramref name="max"/>) and how many of them are free.</summary>
    public int Hits(Seq s, int max, out int evictable)
    {
        int h = 0;
        evictable = 0;
        while (h < Math.Min(Shared(s), max) && _cached.TryGetValue(_blocks.Node(s.Id, h), out int b))
        {
            evictable += _refs[b] == 0 ? 1 : 0;
            h++;
        }

        return h;
    }

    public void Take(Seq s, int hits)
    {
        for (int j = 0; j < hits; j++)
        {
            int b = _cached[_blocks.Node(s.Id, j)];
            if (_refs[b]++ == 0)
            {
                _free.Remove(_freeNode[b]);
            }

            s.Physical.Add(b);
        }

        s.RefShared = hits;
        s.Broken = false;
    }

    public void Allocate(Seq s, long count)
    {
        for (long i = 0; i < count; i++)
        {
            int b = _free.First!.Value;
            _free.RemoveFirst();
            if (_holds[b] >= 0)
            {
                _cached.Remove(_holds[b]);
                _holds[b] = -1;
            }

            _refs[b] = 1;
            s.Physical.Add(b);
        }
    }

    public void Publish(Seq s, int fullBlocks)
    {
        while (!s.Broken && s.RefShared < Math.Min(fullBlocks, Shared(s)))
        {
            int node = _blocks.Node(s.Id, s.RefShared);
            if (_cached.ContainsKey(node))
            {
                s.Broken = true;
                return;
            }

            int b = s.Physical[s.RefShared];
            _holds[b] = node;
            _cached[node] = b;
            s.RefShared++;
        }
    }

    public void Release(Seq s)
    {
        for (int j = s.Physical.Count - 1; j >= 0; j--)
        {
            int b = s.Physical[j];
            if (--_refs[b] == 0)
            {
                if (j >= s.RefShared && _holds[b] >= 0)
                {
                    throw new InvalidOperationException("a block beyond the shared run holds a node");
                }

                _freeNode[b] = _free.AddLast(b);
            }
        }

        s.Physical.Clear();
        s.RefShared = 0;
        s.Broken = false;
    }
}
