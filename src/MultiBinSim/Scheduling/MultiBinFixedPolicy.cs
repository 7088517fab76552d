using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// multi_bin_fixed: K bins by predicted length (<see cref="BinQueues"/>), fixed batches of up to FixedBatchSize from
/// one bin (<see cref="FixedBatchSizer"/>), no controller.
/// </summary>
public static class MultiBinFixedPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "multi_bin_fixed",
            "K bins by predicted length; fixed batches of up to FixedBatchSize (32) from one bin, no controller.",
            isBinned: true,
            [
                nameof(SchedulerOptions.K),
                nameof(SchedulerOptions.BinPolicy),
                nameof(SchedulerOptions.BoundarySampleSize),
                nameof(SchedulerOptions.FixedBatchSize),
            ],
            (options, columns, boundaries) =>
                new ComposedPolicy(new BinQueues(boundaries!, options.BinPolicy, columns), new FixedBatchSizer(options.FixedBatchSize)),
            aliases: ["multi_bin_only"]
        );
}
