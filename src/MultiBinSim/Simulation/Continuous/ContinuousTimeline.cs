namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Per-request times of a continuous-engine run (for TTFT/TBT distributions in notebooks), and optionally the KV
/// usage of one replica over time. Indexed like the workload. Rejected requests have replica
/// <see cref="RequestTimeline.Rejected"/> and NaN times.
/// </summary>
public sealed class ContinuousTimeline
{
    /// <summary>Shares the completion and replica columns of <paramref name="requests"/> (the run's <see cref="RequestTimeline"/>).</summary>
    internal ContinuousTimeline(RequestTimeline requests)
    {
        int count = requests.Completion.Length;
        FirstToken = new double[count];
        Completion = requests.Completion;
        Replica = requests.Gpu;
        Preemptions = new int[count];
        Array.Fill(FirstToken, double.NaN);
        Array.Fill(Completion, double.NaN);
        Array.Fill(requests.Start, double.NaN);
    }

    /// <summary>
    /// Time of the first output token, seconds (the end of the iteration that processed the last prompt token); NaN for requests with 0 output tokens.
    /// </summary>
    public double[] FirstToken { get; }

    /// <summary>
    /// Time of the last output token (for 0-output requests: the end of the prefill), seconds (the same array as <see cref="RequestTimeline.Completion"/>).
    /// </summary>
    public double[] Completion { get; }

    /// <summary>The replica that served the request, or <see cref="RequestTimeline.Rejected"/> (the same array as <see cref="RequestTimeline.Gpu"/>).</summary>
    public int[] Replica { get; }

    /// <summary>
    /// Disaggregated runs: the decode replica the request was routed to after its KV transfer (replicas P .. P+D-1; -1
    /// when it never reached the decode pool); null for colocated runs. <see cref="Replica"/> is then its prefill replica.
    /// </summary>
    public int[]? DecodeReplica { get; internal set; }

    /// <summary>
    /// Disaggregated runs: seconds from the prefill's end to the arrival at the decode pool, waiting for the link included (NaN when none); null for colocated
    /// runs.
    /// </summary>
    public double[]? KvTransfer { get; internal set; }

    /// <summary>How many times the request was preempted (and later recomputed).</summary>
    public int[] Preemptions { get; }

    /// <summary>KV blocks in use on <see cref="KvSeriesReplica"/> after each iteration boundary's admissions (empty when not recorded).</summary>
    public IReadOnlyList<KvSample> KvSeries { get; internal set; } = [];

    /// <summary>The replica <see cref="KvSeries"/> describes; null when not recorded.</summary>
    public int? KvSeriesReplica { get; internal init; }
}

/// <summary>
/// One point of a KV-usage series: at <paramref name="Time"/> (an iteration start, seconds) the replica held <paramref name="UsedBlocks"/> of
/// <paramref name="TotalBlocks"/> blocks.
/// </summary>
public readonly record struct KvSample(double Time, long UsedBlocks, long TotalBlocks);
