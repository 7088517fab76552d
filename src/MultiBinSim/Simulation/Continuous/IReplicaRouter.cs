namespace MultiBinSim.Simulation.Continuous;

/// <summary>Dispatches an accepted arrival to one replica; deterministic, ties to the lowest replica id.</summary>
internal interface IReplicaRouter
{
    int Pick(ReplicaState[] replicas, double now);

    static IReplicaRouter Create(ReplicaRouting routing) => routing switch
    {
        ReplicaRouting.RoundRobin => new RoundRobinRouter(),
        ReplicaRouting.LeastOutstanding => new LeastOutstandingRouter(),
        ReplicaRouting.LeastKv => new LeastKvRouter(),
        _ => throw new ArgumentOutOfRangeException(nameof(routing), routing, "unknown routing rule"),
    };
}

/// <summary>The i-th accepted request goes to replica i mod G.</summary>
internal sealed class RoundRobinRouter : IReplicaRouter
{
    private int _next;

    public int Pick(ReplicaState[] replicas, double now)
    {
        int pick = _next;
        _next = _next + 1 == replicas.Length ? 0 : _next + 1;
        return pick;
    }
}

/// <summary>The replica with the fewest requests waiting or running at the arrival.</summary>
internal sealed class LeastOutstandingRouter : IReplicaRouter
{
    public int Pick(ReplicaState[] replicas, double now)
    {
        int best = 0;
        for (int i = 1; i < replicas.Length; i++)
        {
            if (replicas[i].Outstanding < replicas[best].Outstanding)
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>The replica with the fewest KV blocks in use at the arrival (all replicas have the same capacity).</summary>
internal sealed class LeastKvRouter : IReplicaRouter
{
    public int Pick(ReplicaState[] replicas, double now)
    {
        int best = 0;
        long bestUsed = replicas[0].KvUsedAt(now);
        for (int i = 1; i < replicas.Length; i++)
        {
            long used = replicas[i].KvUsedAt(now);
            if (used < bestUsed)
            {
                best = i;
                bestUsed = used;
            }
        }

        return best;
    }
}
