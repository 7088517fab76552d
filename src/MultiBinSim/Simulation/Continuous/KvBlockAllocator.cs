namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// One replica's paged KV cache: <see cref="Total"/> blocks of <see cref="BlockSize"/> tokens; a sequence holding
/// <c>c</c> context tokens holds <c>ceil(c / BlockSize)</c> blocks. Counts only (which block is which does not matter to
/// timing). vLLM's admission watermark is 1 % of all blocks.
/// </summary>
internal sealed class KvBlockAllocator(long total, int blockSize)
{
    /// <summary>The fraction of all blocks vLLM keeps free when it admits a prompt.</summary>
    public const double WatermarkFraction = 0.01;

    public long Total { get; } = total;

    public int BlockSize { get; } = blockSize;

    /// <summary>vLLM's watermark in blocks (0.01 * total, not rounded, as vLLM compares it).</summary>
    public double Watermark { get; } = WatermarkFraction * total;

    public long Used { get; private set; }

    public long Free => Total - Used;

    public long BlocksFor(long tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>Whether taking <paramref name="blocks"/> still leaves the watermark free (vLLM's can_allocate).</summary>
    public bool CanAllocateKeepingWatermark(long blocks) => Free - blocks >= Watermark;

    public void Allocate(long blocks)
    {
        Used += blocks;
        if (Used > Total)
        {
            throw new InvalidOperationException($"KV allocator over-committed: {Used} of {Total} blocks.");
        }
    }

    public void Release(long blocks)
    {
        Used -= blocks;
        if (Used < 0)
        {
            throw new InvalidOperationException("KV allocator released more blocks than it allocated.");
        }
    }
}
