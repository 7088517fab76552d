namespace MultiBinSim.Workloads;

/// <summary>Resolves the <c>--dataset</c> argument: "synthetic" (the embedded default) or a trace file (BurstGPT, Azure or Mooncake).</summary>
public static class Datasets
{
    public const string Synthetic = "synthetic";

    public static bool IsSynthetic(string dataset) => string.Equals(dataset, Synthetic, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the first <paramref name="rows"/> rows (all when null; the synthetic trace then has BurstGPT_1's row count).</summary>
    public static Trace Load(string dataset, int? rows = null, TraceFormat? format = null) =>
        IsSynthetic(dataset) ? SyntheticBurstGpt.Generate(rows ?? SyntheticBurstGpt.DefaultRows) : TraceReaders.Read(dataset, format, rows);
}
