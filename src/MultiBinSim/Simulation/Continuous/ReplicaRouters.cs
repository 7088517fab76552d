namespace MultiBinSim.Simulation.Continuous;

/// <summary>The registry of replica routers: adding one is a new router file with its <c>Kind</c> plus one line here.</summary>
public static class ReplicaRouters
{
    /// <summary>Every router, the default first.</summary>
    public static IReadOnlyList<ReplicaRouting> All { get; } =
    [RoundRobinRouter.Kind, LeastOutstandingRouter.Kind, LeastKvRouter.Kind, PrefixAffinityRouter.Kind];

    /// <summary>Every router's name, in registry order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToArray();

    /// <summary>The router named <paramref name="name"/> (case-insensitive); null when there is none.</summary>
    public static ReplicaRouting? TryParse(string name) => Registry.Find(All, name);
}
