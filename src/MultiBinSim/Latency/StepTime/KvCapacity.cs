using System.Globalization;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// Sizes a replica's paged KV cache: <c>blocks = floor((memory - weights - reserve) / (KV bytes per token * block
/// size))</c>. The figures come from the batch engine's <see cref="GpuMemoryModel"/> (GB; its margin is the reserve)
/// or from a roofline model's <see cref="ReplicaMemory"/> (bytes; by default 10 % of memory is reserved).
/// </summary>
public static class KvCapacity
{
    /// <summary>
    /// Share of device memory kept back from the KV cache by default for roofline models: 0.10, as vLLM's default
    /// <c>gpu_memory_utilization = 0.9</c> leaves for activations, CUDA graphs and fragmentation.
    /// </summary>
    public const double DefaultReserveFraction = 0.10;

    /// <summary>The property the block size is validated under.</summary>
    public const string BlockSizeProperty = "Continuous.BlockSize";

    /// <summary>The property the batch engine's memory figures are reported under when they leave no KV cache.</summary>
    public const string MemoryProperty = "Scheduler.Memory.ModelMemoryGb";

    /// <summary>
    /// Blocks per replica from the batch engine's memory options: GPU memory minus model memory minus the margin,
    /// over KV per token times the block size (all in GB, so no unit conversion enters).
    /// </summary>
    public static int Blocks(GpuMemoryModel memory, int blockSize) =>
        Blocks(memory.GpuMemoryGb, memory.ModelMemoryGb, memory.MarginGb, memory.KvCacheGbPerToken, blockSize, MemoryProperty, "GB");

    /// <summary>
    /// Blocks per replica from a roofline model's memory figures; <paramref name="reserveBytes"/> defaults to
    /// <see cref="ReplicaMemory.DefaultReserveBytes"/>.
    /// </summary>
    public static int Blocks(ReplicaMemory memory, int blockSize, double? reserveBytes = null) =>
        Blocks(
            memory.MemoryBytes,
            memory.WeightBytes,
            reserveBytes ?? memory.DefaultReserveBytes,
            memory.KvBytesPerToken,
            blockSize,
            StepTimeModels.Property,
            "bytes"
        );

    /// <summary>
    /// Blocks per replica from figures in any one unit. The quotient is floored after snapping to an integer within
    /// 1e-9 relative, so decimal inputs whose exact quotient is whole (9 GB / (5e-6 GB * 16) = 112,500) do not lose a
    /// block to binary rounding. Throws <see cref="ConfigurationException"/> (keyed by <paramref name="property"/>,
    /// or <see cref="BlockSizeProperty"/>) when a figure is invalid or less than one block is left.
    /// </summary>
    public static int Blocks(double memory, double weights, double reserve, double kvPerToken, int blockSize, string property, string unit = "bytes")
    {
        var errors = new ValidationErrors();
        errors.Require(blockSize >= 1, BlockSizeProperty, $"must be at least 1 token (got {blockSize})");
        errors.Require(double.IsFinite(memory) && memory > 0, property, $"GPU memory must be a positive number of {unit} (got {F(memory)})");
        errors.Require(double.IsFinite(weights) && weights >= 0, property, $"model weights must be a non-negative number of {unit} (got {F(weights)})");
        errors.Require(double.IsFinite(reserve) && reserve >= 0, property, $"the memory reserve must be a non-negative number of {unit} (got {F(reserve)})");
        errors.Require(
            double.IsFinite(kvPerToken) && kvPerToken > 0,
            property,
            $"KV cache per token must be a positive number of {unit} (got {F(kvPerToken)})"
        );
        errors.ThrowIfAny();

        double free = memory - weights - reserve;
        double perBlock = kvPerToken * blockSize;
        double raw = free / perBlock;
        double nearest = Math.Round(raw);
        if (Math.Abs(raw - nearest) <= 1e-9 * Math.Max(1.0, Math.Abs(nearest)))
        {
            raw = nearest;
        }

        double blocks = Math.Floor(raw);
        if (!(blocks >= 1))
        {
            throw new ConfigurationException(
                property,
                $"no room for a KV cache: GPU memory {F(memory)} {unit} - weights {F(weights)} {unit} - reserve {F(reserve)} {unit} leaves {F(free)} {unit}, "
                    + $"less than one block of {blockSize} tokens x {F(kvPerToken)} {unit} = {F(perBlock)} {unit}"
            );
        }

        if (blocks > int.MaxValue)
        {
            throw new ConfigurationException(
                BlockSizeProperty,
                $"the KV cache would hold {F(blocks)} blocks of {blockSize} tokens, more than {int.MaxValue}; use a larger block size"
            );
        }

        return (int)blocks;
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
