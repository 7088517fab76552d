using System.Globalization;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>Options of <c>mbsim capacity</c>: which configurations to search, on what, to which SLA target.</summary>
public sealed record CapacitySweepOptions
{
    public string Dataset { get; init; } = Datasets.Synthetic;

    public TraceFormat Format { get; init; } = TraceFormat.Auto;

    public int Requests { get; init; } = 100_000;

    public IReadOnlyList<SchedulerKind> Schedulers { get; init; } = Enum.GetValues<SchedulerKind>();

    public IReadOnlyList<int> Gpus { get; init; } = [1, 2, 4, 8];

    public IReadOnlyList<int> Ks { get; init; } = [4];

    public double DSla { get; init; } = 1.0;

    public double Target { get; init; } = CapacitySearch.DefaultTarget;

    public double Tolerance { get; init; } = CapacitySearch.DefaultTolerance;

    public string Predictor { get; init; } = Predictors.Default;

    public int Seed { get; init; } = 42;

    public string? CalibrationPath { get; init; }

    public string OutputFolder { get; init; } = "results";

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public bool Force { get; init; }

    /// <summary>Search only slice <c>Index</c> (1-based) of <c>Count</c> round-robin slices of <see cref="CapacitySweep.Plan"/>, for cluster job arrays.</summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);

    public SchedulerOptions Scheduler { get; init; } = new();
}

/// <summary>
/// The capacity of every scheduler x GPU count x K configuration, each found by <see cref="CapacitySearch"/>, stored as
/// rows of step 4 (<c>capacity_search</c>) of the result store: <c>rps_scaling</c> is the capacity's arrival multiplier
/// and <c>offered_load_requests_per_sec</c> the sustained rate. Resumable like the suite; charted as capacity vs GPUs.
/// </summary>
public static class CapacitySweep
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(CapacitySweepOptions options, ISuiteObserver? observer = null, CancellationToken cancellation = default)
    {
        observer ??= new LineSuiteObserver(TextWriter.Null);
        var workloadOptions = new WorkloadOptions { RpsScaling = 1.0, Predictor = options.Predictor, Seed = options.Seed };
        var context = ExperimentContext.Create(options.Dataset, options.Requests, workloadOptions, options.CalibrationPath, options.Format);
        string extra = string.Create(CultureInfo.InvariantCulture, $"capacity(target={options.Target:R},tolerance={options.Tolerance:R})");
        if (options.Shard.Count < 1 || options.Shard.Index < 1 || options.Shard.Index > options.Shard.Count)
        {
            throw new Errors.ConfigurationException(nameof(CapacitySweepOptions.Shard), $"must be I/N with 1 <= I <= N (got {options.Shard.Index}/{options.Shard.Count})");
        }

        var tests = Plan(options).Where((_, i) => SuitePlanner.InShard(i, options.Shard)).ToList();

        using var store = await ResultStore.OpenAsync(options.OutputFolder, cancellation: cancellation).ConfigureAwait(false);
        var planned = tests.Select(t =>
        {
            var config = context.ConfigFor(t, options.Scheduler, options.DSla);
            return (Test: t, Config: config, Key: TestKey.Compute(context, t, config, extra));
        }).ToList();
        var toRun = planned.Where(p => options.Force || !store.HasSuccess(p.Key)).ToList();
        observer.StepStarted(SuiteStep.CapacitySearch, toRun.Count, planned.Count - toRun.Count);
        var baseline = context.WorkloadFor(options.Requests);
        await Parallel.ForEachAsync(toRun, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellation }, async (item, ct) =>
        {
            observer.TestStarted(SuiteStep.CapacitySearch, item.Test);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ResultRow row;
            try
            {
                var found = CapacitySearch.Find(baseline, item.Config, options.Target, options.Tolerance);
                row = ResultRows.Success(context, item.Test, item.Config, item.Key, found.Metrics with { ExecutionTimeSeconds = clock.Elapsed.TotalSeconds }, DateTimeOffset.UtcNow)
                    .With("rps_scaling", found.RpsScaling);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                row = ResultRows.Failure(context, item.Test, item.Config, item.Key, e, clock.Elapsed.TotalSeconds, DateTimeOffset.UtcNow);
            }

            await store.AppendAsync(row, ct).ConfigureAwait(false);
            observer.TestFinished(SuiteStep.CapacitySearch, item.Test, row);
        }).ConfigureAwait(false);

        var keys = planned.Select(p => p.Key).ToHashSet();
        var rows = ResultStore.ViewRows(store.Rows.Where(r => keys.Contains(r.TestKey)), SuiteStep.CapacitySearch);
        observer.StepFinished(SuiteStep.CapacitySearch, rows);
        Reporting.SuiteChartFiles.WritePage(options.OutputFolder, "capacity_vs_gpus.html", Reporting.SuiteCharts.CapacityVersusGpus(ResultFrames.ToDataFrame(rows)));
        return rows;
    }

    /// <summary>Every search the options ask for, in the fixed order shards slice: scheduler, then GPU count, then K.</summary>
    public static IReadOnlyList<SuiteTest> Plan(CapacitySweepOptions options) =>
        (from kind in options.Schedulers
         from gpus in options.Gpus
         from k in kind.IsBinned() ? options.Ks : [1]
         select new SuiteTest(SuiteStep.CapacitySearch, kind, options.Requests, gpus, k)).Distinct().ToList();
}
