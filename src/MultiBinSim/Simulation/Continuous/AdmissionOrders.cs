namespace MultiBinSim.Simulation.Continuous;

/// <summary>The registry of admission orders: adding one is a new <see cref="IAdmissionOrder"/> file with its <c>Kind</c> plus one line here.</summary>
public static class AdmissionOrders
{
    /// <summary>Every admission order, the default first.</summary>
    public static IReadOnlyList<ContinuousAdmission> All { get; } = [FcfsAdmissionOrder.Kind, MultiBinAdmissionOrder.Kind];

    /// <summary>Every order's name, in registry order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(a => a.Name).ToArray();

    /// <summary>The order named <paramref name="name"/> (case-insensitive); null when there is none.</summary>
    public static ContinuousAdmission? TryParse(string name) => Registry.Find(All, name);
}
