namespace MultiBinSim.Workloads;

/// <summary>
/// A published BurstGPT file and what a genuine copy must look like. Releases differ in bytes, so a download is
/// checked by its header, its row count and (for the first trace) its first rows rather than by one pinned hash.
/// </summary>
public sealed record BurstGptRelease(string FileName, long MinRows, long MaxRows, IReadOnlyList<string> FirstRows)
{
    public const string Header = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";
    public const string DefaultBaseUrl = "https://github.com/HPMLL/BurstGPT/releases/download/v1.1/";

    private static readonly string[] FirstRowsOfTrace1 =
    [
        "5,ChatGPT,472,18,490,Conversation log",
        "45,ChatGPT,1087,230,1317,Conversation log",
        "118,GPT-4,417,276,693,Conversation log",
    ];

    /// <summary>
    /// The v1.1 release assets. BurstGPT_1 has exactly 1,429,737 data rows; BurstGPT_without_fails_1 about 1,404,300
    /// (a small band allows for re-releases). The second-period files' counts are not published precisely, so only a
    /// loose sanity band applies to them.
    /// </summary>
    public static IReadOnlyList<BurstGptRelease> All { get; } =
    [
        new("BurstGPT_1.csv", 1_429_737, 1_429_737, FirstRowsOfTrace1),
        new("BurstGPT_without_fails_1.csv", 1_400_000, 1_410_000, FirstRowsOfTrace1),
        new("BurstGPT_2.csv", 1_000_000, 10_000_000, []),
        new("BurstGPT_without_fails_2.csv", 1_000_000, 10_000_000, []),
    ];

    public static BurstGptRelease Find(string fileName) =>
        All.FirstOrDefault(r => r.FileName == fileName)
        ?? throw new Errors.ConfigurationException(
            "File",
            $"'{fileName}' is not a BurstGPT release file; known: {string.Join(", ", All.Select(r => r.FileName))}"
        );
}
