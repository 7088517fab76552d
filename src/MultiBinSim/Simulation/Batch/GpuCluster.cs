namespace MultiBinSim.Simulation.Batch;

/// <summary>Per-GPU state of one run as parallel arrays, plus a bit set of idle GPUs scanned in ascending id.</summary>
internal sealed class GpuCluster
{
    private readonly ulong[] _idle;
    private readonly int[][] _batch;

    public GpuCluster(int gpus, int maxBatchSize)
    {
        Count = gpus;
        _idle = new ulong[(gpus + 63) / 64];
        for (int g = 0; g < gpus; g++)
        {
            _idle[g >> 6] |= 1UL << (g & 63);
        }

        _batch = new int[gpus][];
        for (int g = 0; g < gpus; g++)
        {
            _batch[g] = new int[maxBatchSize];
        }

        BatchSize = new int[gpus];
        BatchGroup = new int[gpus];
        BatchStart = new double[gpus];
        BusyTime = new double[gpus];
    }

    public int Count { get; }

    public int[] BatchSize { get; }

    public int[] BatchGroup { get; }

    public double[] BatchStart { get; }

    /// <summary>Sum of the service times of the batches each GPU ran.</summary>
    public double[] BusyTime { get; }

    public Span<int> BatchBuffer(int gpu) => _batch[gpu];

    public ReadOnlySpan<int> CurrentBatch(int gpu) => _batch[gpu].AsSpan(0, BatchSize[gpu]);

    /// <summary>The lowest idle GPU id greater than <paramref name="after"/>, or -1.</summary>
    public int NextIdle(int after)
    {
        int start = after + 1;
        int word = start >> 6;
        if (word >= _idle.Length)
        {
            return -1;
        }

        ulong bits = _idle[word] & (ulong.MaxValue << (start & 63));
        while (true)
        {
            if (bits != 0)
            {
                return (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
            }

            if (++word >= _idle.Length)
            {
                return -1;
            }

            bits = _idle[word];
        }
    }

    public void MarkBusy(int gpu, double now, int size, int group, double serviceTime)
    {
        _idle[gpu >> 6] &= ~(1UL << (gpu & 63));
        BatchSize[gpu] = size;
        BatchGroup[gpu] = group;
        BatchStart[gpu] = now;
        BusyTime[gpu] += serviceTime;
    }

    public void MarkIdle(int gpu)
    {
        _idle[gpu >> 6] |= 1UL << (gpu & 63);
        BatchSize[gpu] = 0;
    }
}
