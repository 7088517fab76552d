namespace MultiBinSim.Scheduling;

/// <summary>Which bin a free GPU serves next.</summary>
public enum BinSelectionPolicy
{
    /// <summary>The first non-empty bin at or after a cursor; the cursor then moves past it.</summary>
    RoundRobin,

    /// <summary>The bin with the most waiting requests; the lowest index on ties.</summary>
    LongestQueue,
}
