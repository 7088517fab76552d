namespace MultiBinSim.Simulation.Continuous;

/// <summary>The replica with the fewest KV blocks in use at the arrival (all replicas have the same capacity).</summary>
internal sealed class LeastKvRouter : IReplicaRouter
{
    public static ReplicaRouting Kind { get; } = new("least-kv", "the replica with the fewest KV blocks in use", () => new LeastKvRouter());

    public int Pick(ReplicaState[] replicas, int request, double now)
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
