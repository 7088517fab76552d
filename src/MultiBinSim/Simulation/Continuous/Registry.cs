namespace MultiBinSim.Simulation.Continuous;

/// <summary>Name look-up shared by the continuous engine's registries (policies, routers, admission orders).</summary>
internal static class Registry
{
    /// <summary>The entry of <paramref name="all"/> whose name is <paramref name="name"/> (case-insensitive), or null.</summary>
    public static T? Find<T>(IReadOnlyList<T> all, string? name)
        where T : ContinuousKind
    {
        foreach (var entry in all)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
