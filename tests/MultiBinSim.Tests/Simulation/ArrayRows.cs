using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

/// <summary>Trace rows from arrays, at most <paramref name="step"/> per read (short reads, chunks that split anywhere).</summary>
internal sealed class ArrayRows(double[] timestamps, int[] request, int[] response, int step) : ITraceRowSource
{
    private int _next;

    public string Source => "arrays";

    public bool IsSynthetic => false;

    public int Read(double[] t, int[] q, int[] s)
    {
        int n = Math.Min(Math.Min(step, t.Length), timestamps.Length - _next);
        timestamps.AsSpan(_next, n).CopyTo(t);
        request.AsSpan(_next, n).CopyTo(q);
        response.AsSpan(_next, n).CopyTo(s);
        _next += n;
        return n;
    }
}
