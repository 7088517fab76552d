namespace MultiBinSim.Workloads;

/// <summary>
/// Fixed bounds every reader of the kit's input files enforces, so a damaged or hostile file (a 2 GB line, a header
/// with millions of columns, JSON nested thousands deep) is rejected quickly with a clear message, within a fixed
/// memory budget, instead of exhausting memory. Genuine files stay far below every bound: BurstGPT, Azure and
/// calibration lines are under 100 characters, Mooncake lines a few kilobytes.
/// </summary>
public static class InputLimits
{
    /// <summary>Longest line (in characters, without its line ending) of a CSV, JSONL or manifest file: 1 MiB.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>Most columns a CSV header may have (the formats need at most 6; extra columns are ignored).</summary>
    public const int MaxColumns = 1024;

    /// <summary>Deepest nesting of a JSON value in a JSONL trace line (notebooks: <c>NotebookFile.MaxDepth</c>).</summary>
    public const int MaxJsonDepth = 64;
}
