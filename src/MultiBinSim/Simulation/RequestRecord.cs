namespace MultiBinSim.Simulation;

/// <summary>
/// What happened to one request of a streamed run, handed to an <see cref="IRequestRecorder"/> when the request leaves
/// (completes or is rejected): the fields an in-memory run keeps in its <see cref="RequestTimeline"/> and
/// <see cref="Continuous.ContinuousTimeline"/>, in the same units (seconds on the run's clock). A time that does not
/// exist is NaN; a replica that does not exist is <see cref="RequestTimeline.Rejected"/> or <see cref="RequestTimeline.NotServed"/>.
/// </summary>
public struct RequestRecord
{
    /// <summary>The request's position in the workload (0-based arrival order): the order records are written in.</summary>
    public long Sequence { get; set; }

    /// <summary>The request's data row in the trace (<see cref="Workloads.Workload.Ids"/>).</summary>
    public int Id { get; set; }

    public double Arrival { get; set; }

    public int Prompt { get; set; }

    public int Output { get; set; }

    public int Predicted { get; set; }

    /// <summary>The GPU or replica that served it (disaggregated: the prefill replica); negative when rejected or never served.</summary>
    public int Replica { get; set; }

    /// <summary>Start of service: the start of its batch (batch engine) or its first admission (continuous).</summary>
    public double Admission { get; set; }

    /// <summary>First output token (continuous engine); NaN when not measured or not produced.</summary>
    public double FirstToken { get; set; }

    public double Completion { get; set; }

    /// <summary>Times it was preempted; negative when the engine has no preemption (batch engine).</summary>
    public int Preemptions { get; set; }

    /// <summary>Disaggregated runs: the decode replica; negative otherwise or when it never reached the decode pool.</summary>
    public int DecodeReplica { get; set; }

    /// <summary>Disaggregated runs: seconds from the prefill's end to the arrival at the decode pool; NaN otherwise.</summary>
    public double KvTransfer { get; set; }

    /// <summary>It could never fit memory and was turned away at arrival.</summary>
    public readonly bool Rejected => Replica == RequestTimeline.Rejected;
}
