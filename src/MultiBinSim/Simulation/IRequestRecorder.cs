namespace MultiBinSim.Simulation;

/// <summary>
/// A monitor of a streamed run's requests: the engine hands it each request once, as the request leaves (in completion
/// order, not workload order; <see cref="RequestRecord.Sequence"/> says where it belongs). <c>mbsim run --requests-out</c>
/// on a streamed run writes them through <c>Storage.RequestRecordStream</c>, in workload order, in memory proportional
/// to the requests in flight.
/// </summary>
public interface IRequestRecorder
{
    /// <summary>Takes one request's record (called on the run's thread).</summary>
    void Record(in RequestRecord record);
}
