namespace MultiBinSim.Simulation.Continuous;

/// <summary>Dispatches an accepted arrival to one replica; deterministic, ties to the lowest replica id.</summary>
internal interface IReplicaRouter
{
    /// <summary>The replica for <paramref name="request"/> (a workload index) arriving at <paramref name="now"/>.</summary>
    int Pick(ReplicaState[] replicas, int request, double now);
}
