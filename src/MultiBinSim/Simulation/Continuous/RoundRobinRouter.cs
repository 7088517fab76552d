namespace MultiBinSim.Simulation.Continuous;

/// <summary>The i-th accepted request goes to replica i mod G.</summary>
internal sealed class RoundRobinRouter : IReplicaRouter
{
    private int _next;

    public static ReplicaRouting Kind { get; } = new("round-robin", "the i-th accepted request goes to replica i mod G", () => new RoundRobinRouter());

    public int Pick(ReplicaState[] replicas, int request, double now)
    {
        int pick = _next;
        _next = _next + 1 == replicas.Length ? 0 : _next + 1;
        return pick;
    }
}
