namespace MultiBinSim.Metrics;

/// <summary>Running counts over the batches of a run (a monitor the engine feeds).</summary>
public sealed class BatchTally
{
    public long Count { get; private set; }

    public long TotalSize { get; private set; }

    public int MinSize { get; private set; } = int.MaxValue;

    public int MaxSize { get; private set; }

    /// <summary>Time of the last GPU-free event: the end of the simulated period, for utilization.</summary>
    public double LastGpuFreeTime { get; set; }

    public void Add(int size)
    {
        Count++;
        TotalSize += size;
        MinSize = Math.Min(MinSize, size);
        MaxSize = Math.Max(MaxSize, size);
    }
}
