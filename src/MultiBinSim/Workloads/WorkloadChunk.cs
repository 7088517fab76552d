namespace MultiBinSim.Workloads;

/// <summary>
/// A reusable buffer of consecutive requests of a <see cref="WorkloadStream"/>, in arrival order, as parallel arrays:
/// the stream refills the same arrays chunk after chunk, so a streamed run allocates nothing per request.
/// </summary>
public sealed class WorkloadChunk
{
    /// <summary>Rows per chunk unless asked otherwise: the synthetic generator's own chunk size.</summary>
    public const int DefaultCapacity = SyntheticBurstGpt.ChunkRows;

    public WorkloadChunk(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Ids = new int[capacity];
        Arrivals = new double[capacity];
        Prompt = new int[capacity];
        Output = new int[capacity];
        Predicted = new int[capacity];
    }

    /// <summary>Requests in the chunk (0 once the stream has ended).</summary>
    public int Count { get; internal set; }

    public int Capacity => Ids.Length;

    /// <summary>Row index in the source (0-based data rows), as <see cref="Workload.Ids"/>.</summary>
    internal int[] Ids { get; }

    /// <summary>Arrival (s from the first arrival, after RPS scaling), as <see cref="Workload.Arrivals"/>.</summary>
    internal double[] Arrivals { get; }

    internal int[] Prompt { get; }

    internal int[] Output { get; }

    internal int[] Predicted { get; }
}
