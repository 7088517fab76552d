namespace MultiBinSim.Workloads;

/// <summary>How far a streamed run has got: requests arrived of the total, and the simulated time of the latest arrival (s).</summary>
/// <param name="Arrived">Requests that have arrived (each is then waiting, running, done or rejected).</param>
/// <param name="Total">Requests in the run.</param>
/// <param name="SimulatedTime">Arrival time of the latest request, seconds on the run's clock.</param>
public readonly record struct RunProgress(long Arrived, long Total, double SimulatedTime);
