namespace MultiBinSim.Simulation.Batch;

/// <summary>Orders GPU-free events by time, then by the order they were scheduled (a deterministic tie-break).</summary>
internal readonly record struct GpuFreeKey(double Time, long Sequence);

internal sealed class GpuFreeKeyComparer : IComparer<GpuFreeKey>
{
    public static GpuFreeKeyComparer Instance { get; } = new();

    public int Compare(GpuFreeKey x, GpuFreeKey y)
    {
        int byTime = x.Time.CompareTo(y.Time);
        return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
    }
}
