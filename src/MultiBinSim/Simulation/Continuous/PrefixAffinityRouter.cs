namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Prefix-aware routing (BLIS's and llm-d's idea): the replica whose prefix cache holds the longest run of the
/// request's leading blocks at the arrival, ties to the fewest outstanding requests, then the lowest id. Without
/// prefix caching every replica holds nothing and it is least-outstanding. So that the caches it reads are those of the
/// arrival time, a run with this router runs every decode iteration as its own segment (no closed-form stretches).
/// </summary>
internal sealed class PrefixAffinityRouter : IReplicaRouter
{
    public static ReplicaRouting Kind { get; } =
        new(
            "prefix-affinity",
            "the replica holding the longest cached prefix of the request, ties to the fewest outstanding",
            () => new PrefixAffinityRouter(),
            singleIterations: true
        );

    public int Pick(ReplicaState[] replicas, int request, double now)
    {
        int best = 0,
            bestHits = -1;
        for (int i = 0; i < replicas.Length; i++)
        {
            int hits = replicas[i].Cache?.Hits(request, int.MaxValue, out _) ?? 0;
            if (hits > bestHits || (hits == bestHits && replicas[i].Outstanding < replicas[best].Outstanding))
            {
                best = i;
                bestHits = hits;
            }
        }

        return best;
    }
}
