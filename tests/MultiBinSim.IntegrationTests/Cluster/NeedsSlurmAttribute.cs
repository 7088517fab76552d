using MultiBinSim.Tests.Requirements;

namespace MultiBinSim.Tests.Cluster;

/// <summary>The tests start a private Slurm cluster (<see cref="SlurmCluster"/>): Linux, Slurm installed, root.</summary>
public sealed class NeedsSlurmAttribute : RequirementAttribute
{
    public override string? Unmet => SlurmCluster.Unavailable;
}
