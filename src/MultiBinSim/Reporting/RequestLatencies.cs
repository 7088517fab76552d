using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Reporting;

/// <summary>Per-request samples of a batch-engine run, read from its <see cref="RequestTimeline"/>, for distributions (CDFs).</summary>
public static class RequestLatencies
{
    /// <summary>
    /// End-to-end latency (completion - arrival, seconds) of every request that was served, in workload order; rejected
    /// and unserved requests are left out. Their mean is the run's <c>avg_latency</c>.
    /// </summary>
    public static double[] EndToEnd(Workload workload, RequestTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Completion.Length != workload.Count)
        {
            throw new ArgumentException(
                $"The timeline has {timeline.Completion.Length} requests and the workload {workload.Count}; pass the run's own workload.",
                nameof(timeline)
            );
        }

        var arrivals = workload.Arrivals;
        var values = new List<double>(workload.Count);
        for (int i = 0; i < workload.Count; i++)
        {
            if (timeline.Gpu[i] >= 0)
            {
                values.Add(timeline.Completion[i] - arrivals[i]);
            }
        }

        return values.ToArray();
    }
}
