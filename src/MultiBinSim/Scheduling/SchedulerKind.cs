namespace MultiBinSim.Scheduling;

/// <summary>The four scheduling policies. Command-line and result names are the snake_case forms.</summary>
public enum SchedulerKind
{
    /// <summary>One FIFO queue, fixed batches of up to 8, no memory check.</summary>
    StaticFifo,

    /// <summary>One FIFO queue, batch size min(b_mem, b_SLA) from global statistics and one SLA controller.</summary>
    DynamicNoBins,

    /// <summary>K bins by predicted length, batches from one bin, sized by that bin's own statistics and controller.</summary>
    MultiBinDynamic,

    /// <summary>K bins by predicted length, fixed batches of up to 32 from one bin, no controller.</summary>
    MultiBinFixed,

    /// <summary>
    /// Algorithm 1 of arXiv 2412.04504: a bin forms a batch only when it holds B requests (or its oldest request has
    /// waited the optional max wait, or arrivals have ended); formed batches wait in one central FIFO for free GPUs.
    /// </summary>
    MultiBinPaper,
}

public static class SchedulerNames
{
    public static IReadOnlyList<string> All { get; } = ["static_fifo", "dynamic_no_bins", "multi_bin_dynamic", "multi_bin_fixed", "multi_bin_paper"];

    public static string ToName(this SchedulerKind kind) => kind switch
    {
        SchedulerKind.StaticFifo => "static_fifo",
        SchedulerKind.DynamicNoBins => "dynamic_no_bins",
        SchedulerKind.MultiBinDynamic => "multi_bin_dynamic",
        SchedulerKind.MultiBinFixed => "multi_bin_fixed",
        SchedulerKind.MultiBinPaper => "multi_bin_paper",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static SchedulerKind Parse(string name) => name switch
    {
        "static_fifo" => SchedulerKind.StaticFifo,
        "dynamic_no_bins" => SchedulerKind.DynamicNoBins,
        "multi_bin_dynamic" => SchedulerKind.MultiBinDynamic,
        "multi_bin_fixed" or "multi_bin_only" => SchedulerKind.MultiBinFixed,
        "multi_bin_paper" => SchedulerKind.MultiBinPaper,
        _ => throw new ArgumentException($"--scheduler: unknown scheduler '{name}'; known: {string.Join(", ", All)}."),
    };

    public static bool IsBinned(this SchedulerKind kind) => kind is SchedulerKind.MultiBinDynamic or SchedulerKind.MultiBinFixed or SchedulerKind.MultiBinPaper;
}
