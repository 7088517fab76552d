namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// How an arriving request is dispatched to one replica's own waiting queue, as configurations and the command line
/// name it: a descriptor, declared beside each router (a static <c>Kind</c>) and registered once in
/// <see cref="ReplicaRouters.All"/>. Ties go to the lowest replica id.
/// </summary>
public sealed class ReplicaRouting : ContinuousKind
{
    private readonly Func<IReplicaRouter> _create;

    internal ReplicaRouting(string name, string description, Func<IReplicaRouter> create, bool singleIterations = false)
        : base(name, description)
    {
        _create = create;
        SingleIterations = singleIterations;
    }

    /// <summary>The router reads replica state that a closed-form decode stretch only settles at its end: every iteration is its own segment.</summary>
    public bool SingleIterations { get; }

    /// <summary>The i-th accepted (not rejected) request goes to replica i mod G.</summary>
    public static ReplicaRouting RoundRobin => RoundRobinRouter.Kind;

    /// <summary>The replica with the fewest outstanding requests (waiting + running) at the arrival time.</summary>
    public static ReplicaRouting LeastOutstanding => LeastOutstandingRouter.Kind;

    /// <summary>The replica with the fewest KV blocks in use at the arrival time.</summary>
    public static ReplicaRouting LeastKv => LeastKvRouter.Kind;

    /// <summary>A new router for one run (routers may keep state, such as a round-robin cursor).</summary>
    internal IReplicaRouter Create() => _create();
}
