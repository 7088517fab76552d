namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>
/// b* = min(b_mem, b_SLA) of Pang et al. (arXiv 2503.05248, section III-B): <see cref="MemoryAwareBatchSize"/>
/// (Algorithm 1) after every iteration, <see cref="SlaBatchSizeSearch"/> (Algorithm 2) after every decode-only
/// iteration, with D_SLA = <see cref="ContinuousOptions.SloTpot"/>, as published or guarded
/// (<see cref="DynamicBatchingOptions.SlaSearch"/>). One instance per replica.
/// </summary>
public sealed class DynamicBatchController : IBatchSizeController
{
    /// <summary>Creates the controller of a replica with <paramref name="kvBlocks"/> KV blocks.</summary>
    public DynamicBatchController(ContinuousOptions options, long kvBlocks)
    {
        ArgumentNullException.ThrowIfNull(options);
        var d = options.Dynamic;
        int max = d.ResolveMaxBatch(options.MaxNumSeqs);
        Memory = new MemoryAwareBatchSize(kvBlocks * options.BlockSize, d.MemoryEpsilon, max);
        Sla = new SlaBatchSizeSearch(options.SloTpot, d.SlaEpsilon, d.Alpha, d.Delta, d.MinBatch, max, d.SlaSearch);
        Current = Math.Min(Memory.Current, Sla.Current); // B_max, except the guarded search's first probe
    }

    /// <summary>Algorithm 1's state.</summary>
    public MemoryAwareBatchSize Memory { get; }

    /// <summary>Algorithm 2's state.</summary>
    public SlaBatchSizeSearch Sla { get; }

    /// <summary>b* after the last iteration.</summary>
    public int Current { get; private set; }

    /// <inheritdoc/>
    public void Completed(int prompt, int output) => Memory.Observe(prompt, output);

    /// <inheritdoc/>
    public int AfterIteration(double stepTime, int decodeBatch, int prefillBatch, int decoding, int prefillPending)
    {
        int mem = Memory.Update(decoding, prefillPending);
        int sla = decodeBatch > 0 && prefillBatch == 0 ? Sla.Update(stepTime, decodeBatch, decoding) : Sla.Current;
        Current = Math.Min(mem, sla);
        return Current;
    }
}
