using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// static_fifo: one FIFO queue (<see cref="FifoQueueShape"/>), fixed batches of up to StaticBatchSize
/// (<see cref="FixedBatchSizer"/>), no memory check.
/// </summary>
public static class StaticFifoPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "static_fifo",
            "One FIFO queue, fixed batches of up to StaticBatchSize (8), no memory check.",
            isBinned: false,
            [nameof(SchedulerOptions.StaticBatchSize)],
            (options, columns, _) => new ComposedPolicy(new FifoQueueShape(columns.ExpectedRequests), new FixedBatchSizer(options.StaticBatchSize))
        );
}
