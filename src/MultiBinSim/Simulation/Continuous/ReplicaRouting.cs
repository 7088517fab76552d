namespace MultiBinSim.Simulation.Continuous;

/// <summary>How an arriving request is dispatched to one replica's own waiting queue. Ties go to the lowest replica id.</summary>
public enum ReplicaRouting
{
    /// <summary>The i-th accepted (not rejected) request goes to replica i mod G.</summary>
    RoundRobin,

    /// <summary>The replica with the fewest outstanding requests (waiting + running) at the arrival time.</summary>
    LeastOutstanding,

    /// <summary>The replica with the fewest KV blocks in use at the arrival time.</summary>
    LeastKv,
}

/// <summary>Names of <see cref="ReplicaRouting"/> values as configurations and the command line spell them.</summary>
public static class ReplicaRoutingNames
{
    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = ["round-robin", "least-outstanding", "least-kv"];

    /// <summary>The name of <paramref name="routing"/>.</summary>
    public static string Name(ReplicaRouting routing) => All[(int)routing];

    /// <summary>The rule named <paramref name="name"/>; null when there is none.</summary>
    public static ReplicaRouting? TryParse(string name)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (ReplicaRouting)i;
            }
        }

        return null;
    }
}
