namespace MultiBinSim.Simulation.Continuous;

/// <summary>The replica with the fewest requests waiting or running at the arrival.</summary>
internal sealed class LeastOutstandingRouter : IReplicaRouter
{
    public static ReplicaRouting Kind { get; } =
        new("least-outstanding", "the replica with the fewest requests waiting or running", () => new LeastOutstandingRouter());

    public int Pick(ReplicaState[] replicas, int request, double now) => Least(replicas);

    /// <summary>The lowest-id replica with the fewest outstanding requests among all replicas.</summary>
    internal static int Least(ReplicaState[] replicas)
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
