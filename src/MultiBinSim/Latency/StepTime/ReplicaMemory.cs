namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The memory figures of one replica (all the GPUs of one tensor-parallel group) that size its paged KV cache with
/// <see cref="KvCapacity"/>: device memory, the weights resident in it and the KV-cache bytes of one token. Known for
/// <c>roofline:MODEL@GPU</c> step-time models, from the model's and the GPU's catalogue figures.
/// </summary>
/// <param name="MemoryBytes">Device memory of the replica: GPU memory times <paramref name="Gpus"/>.</param>
/// <param name="WeightBytes">Bytes of the model's weights (all shards together).</param>
/// <param name="KvBytesPerToken">KV-cache bytes one token of context occupies in the replica (all shards together).</param>
/// <param name="Gpus">GPUs in the replica (the tensor-parallel degree).</param>
public sealed record ReplicaMemory(double MemoryBytes, double WeightBytes, double KvBytesPerToken, int Gpus)
{
    /// <summary>
    /// The reserve <see cref="KvCapacity.Blocks(ReplicaMemory, int, double?)"/> keeps back by default:
    /// <see cref="KvCapacity.DefaultReserveFraction"/> of device memory (activations, CUDA graphs, fragmentation).
    /// </summary>
    public double DefaultReserveBytes => MemoryBytes * KvCapacity.DefaultReserveFraction;
}
