namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// What the continuous engine's registries hold (<see cref="ContinuousPolicies"/>, <see cref="ReplicaRouters"/>,
/// <see cref="AdmissionOrders"/>): a named, described choice, declared once beside its implementation.
/// </summary>
public abstract class ContinuousKind
{
    private protected ContinuousKind(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The name in configurations, result rows and on the command line.</summary>
    public string Name { get; }

    /// <summary>One line for help texts.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
