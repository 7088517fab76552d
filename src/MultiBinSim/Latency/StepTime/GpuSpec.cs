namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The figures of one GPU that a roofline step-time model is computed from, as the vendor's datasheet states them.
/// Entries live in <see cref="GpuCatalogue"/>, each with its source.
/// </summary>
/// <param name="Name">Canonical name, as <c>roofline:MODEL@GPU</c> accepts it (case-insensitively).</param>
/// <param name="PeakDenseBf16Flops">Peak dense (no structured sparsity) BF16 tensor-core FLOP/s.</param>
/// <param name="MemoryBandwidthBytesPerSecond">Peak HBM bandwidth in bytes/s.</param>
/// <param name="MemoryBytes">Device memory in bytes (the datasheet's GB taken as 10^9 bytes).</param>
/// <param name="Source">Where the figures come from.</param>
/// <param name="Aliases">Other accepted names.</param>
public sealed record GpuSpec(
    string Name,
    double PeakDenseBf16Flops,
    double MemoryBandwidthBytesPerSecond,
    double MemoryBytes,
    string Source,
    IReadOnlyList<string> Aliases
);
