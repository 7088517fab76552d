namespace MultiBinSim.Scheduling;

/// <summary>Which bin a free GPU serves next.</summary>
public enum BinSelectionPolicy
{
    /// <summary>The first non-empty bin at or after a cursor; the cursor then moves past it.</summary>
    RoundRobin,

    /// <summary>The bin with the most waiting requests; the lowest index on ties.</summary>
    LongestQueue,
}

public static class BinSelectionPolicyNames
{
    public static IReadOnlyList<string> All { get; } = ["round-robin", "longest-queue"];

    public static string ToName(this BinSelectionPolicy policy) => policy == BinSelectionPolicy.RoundRobin ? "round-robin" : "longest-queue";

    public static BinSelectionPolicy Parse(string name) => name switch
    {
        "round-robin" or "round_robin" => BinSelectionPolicy.RoundRobin,
        "longest-queue" or "longest_queue" => BinSelectionPolicy.LongestQueue,
        _ => throw new Errors.ConfigurationException(nameof(SchedulerOptions.BinPolicy), $"unknown policy '{name}'; known: {string.Join(", ", All)}"),
    };
}
