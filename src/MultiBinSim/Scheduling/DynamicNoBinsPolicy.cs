using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// dynamic_no_bins: one FIFO queue (<see cref="FifoQueueShape"/>); a free GPU looks at up to 128 candidates and keeps
/// the first min(b_mem, b_SLA), sized by global statistics and one SLA controller, trimmed to fit memory
/// (<see cref="DynamicBatcher"/> with one group). The rest stay at the front, in order.
/// </summary>
public static class DynamicNoBinsPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "dynamic_no_bins",
            "One FIFO queue, batch size min(b_mem, b_SLA) from global statistics and one SLA controller.",
            isBinned: false,
            DynamicBatcher.ParameterNames,
            (options, columns, _) => new ComposedPolicy(new FifoQueueShape(columns.ExpectedRequests), new DynamicBatcher(options, 1, columns))
        );
}
