using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>Creates a fresh policy (queues, statistics, controllers) for one run.</summary>
public static class BatchPolicyFactory
{
    public static IBatchPolicy Create(SchedulerOptions options, Workload workload, BinBoundaries? boundaries = null)
    {
        int expected = workload.Count;
        if (options.Scheduler.IsBinned())
        {
            boundaries ??= BinBoundaries.Compute(workload.PredictedTokens, options.K, options.BoundarySampleSize);
            if (boundaries.K != options.K)
            {
                throw new ArgumentException($"Bin boundaries have {boundaries.K} bins but --k is {options.K}.");
            }
        }

        return options.Scheduler switch
        {
            SchedulerKind.StaticFifo => new StaticFifoPolicy(options.StaticBatchSize, expected),
            SchedulerKind.DynamicNoBins => new DynamicNoBinsPolicy(options, workload.PromptArray, workload.OutputArray, workload.ArrivalArray, expected),
            SchedulerKind.MultiBinDynamic => new MultiBinDynamicPolicy(options, boundaries!, workload.PromptArray, workload.OutputArray, workload.PredictedArray, workload.ArrivalArray, expected),
            SchedulerKind.MultiBinFixed => new MultiBinFixedPolicy(options, boundaries!, workload.PredictedArray, expected),
            SchedulerKind.MultiBinPaper => new MultiBinPaperPolicy(options, boundaries!, workload.PredictedArray, workload.ArrivalArray, expected),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Scheduler, "Unknown scheduler."),
        };
    }
}
