using MultiBinSim.Latency;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>The outcome of <see cref="SingleRun.Execute"/>: what ran, on what, and what came out.</summary>
/// <param name="Workload">The workload; for a streamed run (<see cref="Streamed"/>) only its first requests (the bin
/// boundaries' sample), which name the source and predictor: the request count is the metrics' <c>NumRequests</c>.</param>
public sealed record SingleRunOutcome(RunSpec Spec, Workload Workload, LatencyFit Latency, SimulationResult Result)
{
    /// <summary>Whether the workload was streamed (bounded memory) rather than built in memory.</summary>
    public bool Streamed { get; init; }

    /// <summary>Rows written to the per-request file (<c>--requests-out</c>); null when none was asked for.</summary>
    public long? RequestsWritten { get; init; }

    /// <summary>The run as its engine describes it (<see cref="ISimulationEngine.WriteRunJson"/>, <see cref="ISimulationEngine.RunTableRows"/>).</summary>
    public CompletedRun Completed => new(Spec.Simulation, Spec.Workload, Workload, Latency, Result);

    /// <summary>The engine that ran it.</summary>
    public ISimulationEngine Engine => SimulationEngines.Get(Spec.Simulation.Engine);
}

/// <summary>Loads the dataset, fits the latency model, builds the workload and simulates it: `mbsim run` in one call.</summary>
public static class SingleRun
{
    /// <param name="spec">The run.</param>
    /// <param name="streamWorkload">Stream the workload when <see cref="CanStream"/> says the run can (a caller that
    /// needs every request afterwards, such as a notebook drawing its latencies, passes false).</param>
    /// <param name="progress">The run's progress, every <see cref="RequestWindow.ProgressEvery"/> arrivals, streamed or
    /// in memory (on engines that report it); null = none.</param>
    /// <param name="requestsOut">Write one row per request to this Parquet or CSV file (<see cref="RequestRecords"/>;
    /// a streamed run writes it as requests leave, in workload order: <see cref="RequestRecordStream"/>); null = none.</param>
    public static SingleRunOutcome Execute(RunSpec spec, bool streamWorkload = false, Action<RunProgress>? progress = null, string? requestsOut = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (requestsOut is not null)
        {
            RequestRecords.CheckPath(requestsOut); // before the run, which may be long
        }

        if (streamWorkload && CanStream(spec))
        {
            return ExecuteStreamed(spec, progress, requestsOut);
        }

        // The fit and the workload do not depend on each other: the fit runs on the second core.
        var (fit, workload) = SideBySide.Run(
            () => LatencyFit.FromCalibration(spec.CalibrationPath),
            () =>
                WorkloadBuilder.Build(
                    Datasets.Load(spec.Workload.Dataset, spec.Workload.DropFailed ? null : spec.Workload.Requests, spec.Workload.Format),
                    spec.Workload
                )
        );
        var config = spec.Simulation with { Latency = fit.Model };
        var result = SimulationEngines.Run(workload, config, monitors: new RunMonitors(progress));
        if (requestsOut is not null)
        {
            RequestRecords.WriteAsync(requestsOut, workload, config, result).GetAwaiter().GetResult();
        }

        return new SingleRunOutcome(spec, workload, fit, result) { RequestsWritten = requestsOut is null ? null : workload.Count };
    }

    /// <summary>
    /// Whether the run streams its workload: streaming metrics (forced, or auto above
    /// <see cref="MetricsModes.StreamingThreshold"/> requests) on an engine that <see cref="ISimulationEngine.RunsStreams"/> (the batch engine) over the
    /// synthetic trace, keeping
    /// every row and without the shared-prefix model. Anything else builds the workload in memory (streaming trace
    /// readers and the continuous engine are later slices of issue 22).
    /// </summary>
    public static bool CanStream(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var w = spec.Workload;
        return SimulationEngines.Get(spec.Simulation.Engine).RunsStreams
            && Datasets.IsSynthetic(w.Dataset)
            && !w.DropFailed
            && w.PrefixShare is null
            && MetricsModes.IsStreaming(spec.Simulation.MetricsMode, w.Requests ?? SyntheticBurstGpt.DefaultRows);
    }

    private static SingleRunOutcome ExecuteStreamed(RunSpec spec, Action<RunProgress>? progress, string? requestsOut)
    {
        var stream = WorkloadStream.Synthetic(spec.Workload);
        var (fit, head) = SideBySide.Run(
            () => LatencyFit.FromCalibration(spec.CalibrationPath),
            () => stream.Head(spec.Simulation.Scheduler.BoundarySampleSize)
        );
        var config = spec.Simulation with { Latency = fit.Model };
        if (config.Scheduler.Scheduler.IsBinned && config.Boundaries is null)
        {
            config = config with
            {
                Boundaries = Scheduling.BinBoundaries.Compute(head.PredictedTokens, config.Scheduler.K, config.Scheduler.BoundarySampleSize),
            };
        }

        var engine = SimulationEngines.Get(config.Engine);
        using var requests = requestsOut is null
            ? null
            : new RequestRecordStream(requestsOut, RequestRecords.BinsOf(head, config, null, engine.MeasuresTokenTimes), engine.MeasuresTokenTimes);
        var result = engine.RunStreamed(stream, config, new RunMonitors(progress, requests));
        requests?.Complete(result.Metrics.NumRequests);
        return new SingleRunOutcome(spec, head, fit, result) { Streamed = true, RequestsWritten = requests?.Written };
    }
}
