namespace MultiBinSim.Workloads;

/// <summary>
/// Which requests share leading prompt tokens (README, "Prefix caching"): the identity automatic prefix caching works
/// on. Traces carry no text, so identity comes either from a trace's block hashes (Mooncake's <c>hash_ids</c>: one per
/// 512-token block, equal ids mean equal tokens and equal prefix) or from a model (<see cref="Groups"/>: each request
/// shares its first tokens with a group). Indexed like the workload's requests.
/// </summary>
public abstract class PrefixIdentity
{
    /// <summary>What it is, for tables and notes.</summary>
    public abstract string Description { get; }

    /// <summary>Requests it describes (at least the workload's count).</summary>
    public abstract int Count { get; }

    /// <summary>
    /// The identity at engine block size <paramref name="blockSize"/>: for each request, how many of its leading full
    /// blocks have a shared identity and the dense node id of each (blocks with equal nodes hold equal tokens after equal
    /// prefixes).
    /// </summary>
    /// <exception cref="Errors.ConfigurationException">The block size does not fit the identity (a trace block must be a whole number of engine
    /// blocks).</exception>
    public abstract PrefixBlocks Blocks(int blockSize);

    /// <summary>The same identity for the requests in <paramref name="order"/> (request i of the result is request order[i] of this one).</summary>
    public abstract PrefixIdentity Select(int[] order);

    /// <summary>Each request shares its first floor(<c>share</c> x prompt) tokens with the other requests of its group.</summary>
    /// <param name="group">Group of each request.</param>
    /// <param name="sharedTokens">Leading tokens each request shares with its group's token stream.</param>
    /// <param name="description">What it is.</param>
    public static PrefixIdentity Groups(int[] group, int[] sharedTokens, string description) => new GroupPrefixes(group, sharedTokens, description);

    /// <summary>
    /// Block hashes per request (<paramref name="offsets"/>[r] .. [r + 1] into <paramref name="hashes"/>), each covering <paramref name="traceBlockTokens"/>
    /// prompt tokens.
    /// </summary>
    public static PrefixIdentity HashChains(int[] offsets, long[] hashes, int traceBlockTokens, string description) =>
        new HashChainPrefixes(offsets, hashes, traceBlockTokens, description);

    /// <summary>
    /// The model behind <c>--prefix-share F --prefix-groups N</c>: request i joins group u_i (u_i drawn uniformly from
    /// 0..N-1 by an MT19937 stream seeded with <paramref name="seed"/>, one draw per request in order) and shares the
    /// first floor(F x prompt_i) tokens of its group's token stream.
    /// </summary>
    public static PrefixIdentity SharedPrefixModel(ReadOnlySpan<int> prompt, double share, int groups, int seed)
    {
        var random = new NumpyLegacyRandom(unchecked((uint)seed ^ 0x9E3779B9u));
        var group = new int[prompt.Length];
        var shared = new int[prompt.Length];
        for (int i = 0; i < prompt.Length; i++)
        {
            group[i] = (int)(random.NextUInt32() % (uint)groups);
            shared[i] = (int)Math.Floor(share * prompt[i]);
        }

        return Groups(group, shared, $"shared-prefix model: {share:0.###} of each prompt from one of {groups} groups (seed {seed})");
    }
}

/// <summary>A <see cref="PrefixIdentity"/> at one engine block size: per request, its shared leading blocks and their node ids.</summary>
public sealed class PrefixBlocks
{
    private readonly int[] _shared;
    private readonly int[] _first;
    private readonly int[]? _chainOffsets;
    private readonly int[]? _chainNodes;
    private readonly int _per;

    /// <summary>Groups: block j of request r is node <paramref name="first"/>[r] + j.</summary>
    internal PrefixBlocks(int[] shared, int nodeCount, int[] first)
    {
        _shared = shared;
        NodeCount = nodeCount;
        _first = first;
    }

    /// <summary>Hash chains: block j of request r is node chainNodes[chainOffsets[r] + j / per] * per + j % per.</summary>
    internal PrefixBlocks(int[] shared, int nodeCount, int[] chainOffsets, int[] chainNodes, int per)
    {
        _shared = shared;
        NodeCount = nodeCount;
        _first = [];
        _chainOffsets = chainOffsets;
        _chainNodes = chainNodes;
        _per = per;
    }

    /// <summary>Distinct node ids (ids are 0 .. NodeCount - 1).</summary>
    public int NodeCount { get; }

    /// <summary>Leading full blocks of request <paramref name="request"/> with a shared identity.</summary>
    public int Shared(int request) => _shared[request];

    /// <summary>The node of block <paramref name="block"/> (&lt; <see cref="Shared"/>) of request <paramref name="request"/>.</summary>
    public int Node(int request, int block) =>
        _chainNodes is null ? _first[request] + block : _chainNodes[_chainOffsets![request] + block / _per] * _per + block % _per;
}

internal sealed class GroupPrefixes(int[] group, int[] sharedTokens, string description) : PrefixIdentity
{
    public override string Description => description;

    public override int Count => group.Length;

    public override PrefixBlocks Blocks(int blockSize)
    {
        int groups = 0;
        foreach (int g in group)
        {
            groups = Math.Max(groups, g + 1);
        }

        var longest = new int[groups];
        var shared = new int[group.Length];
        for (int r = 0; r < group.Length; r++)
        {
            shared[r] = sharedTokens[r] / blockSize;
            longest[group[r]] = Math.Max(longest[group[r]], shared[r]);
        }

        var first = new int[groups];
        long next = 0;
        for (int g = 0; g < groups; g++)
        {
            first[g] = (int)next;
            next += longest[g];
        }

        if (next > int.MaxValue)
        {
            throw new Errors.ConfigurationException("Workload.PrefixShare", "the shared prefixes have more than 2^31 distinct blocks");
        }

        var firstOf = new int[group.Length];
        for (int r = 0; r < group.Length; r++)
        {
            firstOf[r] = first[group[r]];
        }

        return new PrefixBlocks(shared, (int)next, firstOf);
    }

    public override PrefixIdentity Select(int[] order) =>
        new GroupPrefixes(order.Select(i => group[i]).ToArray(), order.Select(i => sharedTokens[i]).ToArray(), description);
}

internal sealed class HashChainPrefixes(int[] offsets, long[] hashes, int traceBlockTokens, string description) : PrefixIdentity
{
    public override string Description => description;

    public override int Count => offsets.Length - 1;

    public override PrefixBlocks Blocks(int blockSize)
    {
        if (traceBlockTokens % blockSize != 0)
        {
            throw new Errors.ConfigurationException(
                "Continuous.BlockSize",
                $"must divide the trace's hash block of {traceBlockTokens} tokens for prefix caching (got {blockSize})"
            );
        }

        // A trie of hash chains: equal nodes mean equal hashes after equal prefixes.
        int per = traceBlockTokens / blockSize;
        var trie = new Dictionary<(int Parent, long Hash), int>();
        var nodes = new int[hashes.Length];
        var shared = new int[Count];
        for (int r = 0; r < Count; r++)
        {
            int parent = -1;
            for (int i = offsets[r]; i < offsets[r + 1]; i++)
            {
                if (!trie.TryGetValue((parent, hashes[i]), out int node))
                {
                    node = trie.Count;
                    trie.Add((parent, hashes[i]), node);
                }

                nodes[i] = node;
                parent = node;
            }

            shared[r] = (offsets[r + 1] - offsets[r]) * per;
        }

        if ((long)trie.Count * per > int.MaxValue)
        {
            throw new Errors.ConfigurationException("Continuous.BlockSize", "the trace's hashes give more than 2^31 distinct blocks at this block size");
        }

        return new PrefixBlocks(shared, trie.Count * per, offsets, nodes, per);
    }

    public override PrefixIdentity Select(int[] order)
    {
        var newOffsets = new int[order.Length + 1];
        for (int i = 0; i < order.Length; i++)
        {
            newOffsets[i + 1] = newOffsets[i] + offsets[order[i] + 1] - offsets[order[i]];
        }

        var newHashes = new long[newOffsets[^1]];
        for (int i = 0; i < order.Length; i++)
        {
            Array.Copy(hashes, offsets[order[i]], newHashes, newOffsets[i], newOffsets[i + 1] - newOffsets[i]);
        }

        return new HashChainPrefixes(newOffsets, newHashes, traceBlockTokens, description);
    }
}
