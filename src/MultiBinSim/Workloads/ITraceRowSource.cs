namespace MultiBinSim.Workloads;

/// <summary>
/// The raw rows of a trace, in file order, a chunk at a time: what a <see cref="WorkloadStream"/> reads. The synthetic
/// generator is one (<see cref="SyntheticBurstGpt.Rows"/>); a streaming trace reader (a later slice of issue 22: Azure
/// 2024 week-long files, BurstGPT's full release) implements the same interface, so the workload stream, the request
/// window and the batch engine take it unchanged.
/// </summary>
public interface ITraceRowSource
{
    /// <summary>File path or generator label, as <see cref="Trace.Source"/>.</summary>
    string Source { get; }

    bool IsSynthetic { get; }

    /// <summary>
    /// Writes the next rows (at most the destinations' length), from index 0, into <paramref name="timestamps"/> (as
    /// <see cref="Trace.Timestamps"/>), <paramref name="request"/> and <paramref name="response"/> tokens; returns how
    /// many (possibly fewer than asked before the end), 0 at the end. Timestamps must not decrease (an out-of-order source is a later slice: sort out of core
    /// or
    /// reject naming the first row).
    /// </summary>
    int Read(double[] timestamps, int[] request, int[] response);
}
