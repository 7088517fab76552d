namespace MultiBinSim.Simulation.Continuous;

/// <summary>The registry of continuous-batching policies: adding one is a new policy file with its <c>Kind</c> plus one line here.</summary>
public static class ContinuousPolicies
{
    /// <summary>Every policy, the default first.</summary>
    public static IReadOnlyList<ContinuousPolicy> All { get; } = [VllmPolicy.Kind, SarathiPolicy.Kind, OrcaPolicy.Kind, StaticPolicy.Kind, VllmV1Policy.Kind];

    /// <summary>Every policy's name, in registry order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>The policy named <paramref name="name"/> (case-insensitive); null when there is none.</summary>
    public static ContinuousPolicy? TryParse(string name) => Registry.Find(All, name);
}
