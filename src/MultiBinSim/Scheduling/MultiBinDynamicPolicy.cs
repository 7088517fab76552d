using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// multi_bin_dynamic: K FIFO bins by predicted length (arXiv 2412.04504, <see cref="BinQueues"/>) with dynamic batch
/// sizing (arXiv 2503.05248, <see cref="DynamicBatcher"/> with one group per bin). A free GPU picks a bin, looks at up
/// to 128 of its candidates, and sizes the batch with THAT bin's own statistics and SLA controller; unused candidates
/// stay at the front of their bin.
/// </summary>
public static class MultiBinDynamicPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "multi_bin_dynamic",
            "K bins by predicted length; batches from one bin, sized min(b_mem, b_SLA) by that bin's own statistics and controller.",
            isBinned: true,
            [nameof(SchedulerOptions.K), nameof(SchedulerOptions.BinPolicy), nameof(SchedulerOptions.BoundarySampleSize), .. DynamicBatcher.ParameterNames],
            (options, columns, boundaries) =>
                new ComposedPolicy(new BinQueues(boundaries!, options.BinPolicy, columns), new DynamicBatcher(options, boundaries!.K, columns))
        );
}
