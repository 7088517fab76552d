using System.Text;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>What an accepted trace must satisfy, whatever the input: the reader's and the workload builder's invariants.</summary>
internal static class TraceChecks
{
    /// <param name="trace">The accepted trace.</param>
    /// <param name="input">The bytes it was read from.</param>
    /// <param name="relativeTimes">Azure and Mooncake: timestamps are seconds since the first row (so the first is 0).</param>
    public static void Consistent(Trace trace, byte[] input, bool relativeTimes)
    {
        int lines = LineCount(input);
        Assert.InRange(trace.Count, 1, lines);
        Assert.Equal(trace.Count, trace.RequestTokens.Length);
        Assert.Equal(trace.Count, trace.ResponseTokens.Length);
        Assert.All(trace.Timestamps, t => Assert.True(double.IsFinite(t), $"timestamp {t} is not finite"));
        if (relativeTimes)
        {
            Assert.Equal(0.0, trace.Timestamps[0]);
        }
        else
        {
            Assert.All(trace.Timestamps, t => Assert.True(t >= 0, $"timestamp {t} is negative"));
        }

        Assert.All(trace.RequestTokens, t => Assert.True(t >= 0));
        Assert.All(trace.ResponseTokens, t => Assert.True(t >= 0));
        Assert.All(trace.PredictedTokens ?? [], t => Assert.True(t >= 0));

        // Unsorted timestamps are accepted (the builder sorts them, with a warning): the workload's arrivals are sorted.
        var workload = WorkloadBuilder.Build(trace, new WorkloadOptions());
        Assert.Equal(trace.Count, workload.Count);
        for (int i = 0; i < workload.Count; i++)
        {
            Assert.True(double.IsFinite(workload.Arrivals[i]) && workload.Arrivals[i] >= 0, $"arrival {i} is {workload.Arrivals[i]}");
            Assert.True(i == 0 || workload.Arrivals[i] >= workload.Arrivals[i - 1], $"arrivals are not sorted at {i}");
        }
    }

    /// <summary>An upper bound on the number of lines, whatever the line endings (\n, \r\n or a lone \r).</summary>
    public static int LineCount(byte[] input) => input.Count(b => b is (byte)'\n' or (byte)'\r') + 1;

    /// <summary>A short description of the input for a failure message.</summary>
    public static string Preview(byte[] input) => Encoding.UTF8.GetString(input.Length > 200 ? input[..200] : input);
}
