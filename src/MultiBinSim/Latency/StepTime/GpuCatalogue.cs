namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The GPUs <c>roofline:MODEL@GPU</c> knows, with their datasheet figures. Add a GPU by adding one entry here.
/// </summary>
public static class GpuCatalogue
{
    /// <summary>
    /// NVIDIA A100 80GB SXM4. NVIDIA A100 Tensor Core GPU datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4-web),
    /// column "A100 80GB SXM": BFLOAT16 Tensor Core 312 TFLOPS (624 with sparsity; the dense figure is used),
    /// GPU memory 80GB HBM2e, GPU memory bandwidth 2,039 GB/s.
    /// </summary>
    public static GpuSpec A100_80GB { get; } =
        new(
            Name: "A100-80GB",
            PeakDenseBf16Flops: 312e12,
            MemoryBandwidthBytesPerSecond: 2.039e12,
            MemoryBytes: 80e9,
            Source: "NVIDIA A100 datasheet, A100 80GB SXM: 312 TFLOPS dense BF16, 2,039 GB/s, 80 GB HBM2e",
            Aliases: ["A100-80GB-SXM", "A100-SXM4-80GB"]
        );

    /// <summary>
    /// NVIDIA H100 SXM5 80GB. NVIDIA H100 Tensor Core GPU datasheet, column "H100 SXM": BFLOAT16 Tensor Core 1,979
    /// TFLOPS shown with sparsity ("one-half lower without sparsity"), GPU memory 80GB, GPU memory bandwidth
    /// 3.35 TB/s; the dense figure 989.4 TFLOPS is the H100 architecture whitepaper's (NVIDIA H100 Tensor Core GPU
    /// Architecture, table of H100 SXM5 peak BF16 Tensor TFLOPS: 989.4 / 1978.9 with sparsity).
    /// </summary>
    public static GpuSpec H100_80GB { get; } =
        new(
            Name: "H100-80GB",
            PeakDenseBf16Flops: 989.4e12,
            MemoryBandwidthBytesPerSecond: 3.35e12,
            MemoryBytes: 80e9,
            Source: "NVIDIA H100 datasheet and Hopper whitepaper, H100 SXM5: 989.4 TFLOPS dense BF16, 3.35 TB/s, 80 GB HBM3",
            Aliases: ["H100-80GB-SXM", "H100-SXM", "H100-SXM5-80GB"]
        );

    /// <summary>Every known GPU.</summary>
    public static IReadOnlyList<GpuSpec> All { get; } = [A100_80GB, H100_80GB];

    /// <summary>The GPU named <paramref name="name"/> (its name or an alias, case-insensitively), or null.</summary>
    public static GpuSpec? Find(string name)
    {
        foreach (var gpu in All)
        {
            if (
                string.Equals(gpu.Name, name, StringComparison.OrdinalIgnoreCase)
                || gpu.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
            )
            {
                return gpu;
            }
        }

        return null;
    }
}
