using System.Diagnostics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>
/// Runs the stress suite: plans each step, skips tests already stored with success, runs the rest on
/// <see cref="SuiteOptions.Parallelism"/> workers, stores each row the moment it finishes, then writes analysis.json
/// and the charts. This is what <c>mbsim suite</c> and the notebooks call.
/// </summary>
public sealed class SuiteRunner
{
    private readonly SuiteOptions _options;
    private readonly ISuiteObserver _observer;
    private readonly IChartWriter? _charts;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Metrics.RunMetrics> _simulated = new();

    /// <param name="options">What to run.</param>
    /// <param name="observer">Progress reports (none by default).</param>
    /// <param name="charts">Writes OUT/charts when <see cref="SuiteOptions.WriteCharts"/> (none by default: notebooks draw inline).</param>
    public SuiteRunner(SuiteOptions options, ISuiteObserver? observer = null, IChartWriter? charts = null)
    {
        _charts = charts;
        options.Validate();
        _options = options;
        _observer = observer ?? new LineSuiteObserver(TextWriter.Null);
    }

    public async Task<SuiteSummary> RunAsync(CancellationToken cancellation = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var contexts = _options.DerivedSeeds.Select((seed, i) => LoadContext(seed, quiet: i > 0)).ToArray();
        var context = contexts[0];
        var steps = new List<StepSummary>();
        IReadOnlyList<ResultRow> stored;
        string analysisPath = Path.Combine(_options.OutputFolder, SuiteAnalysis.FileName);
        IReadOnlyList<string> charts;
        await using (var store = await ResultStore.OpenAsync(_options.OutputFolder, _options.LockWait, cancellation).ConfigureAwait(false))
        {
            foreach (int step in _options.Steps.Distinct().Order())
            {
                steps.Add(await RunStepAsync(step, contexts, store, cancellation).ConfigureAwait(false));
            }

            var rows = SuiteRows.Matching(store.Rows, context, _options);
            var manifest = new RunManifest(
                CodeVersion.Full,
                RunManifest.FindGitCommit(),
                _options.Workload.Dataset,
                context.DatasetSha256,
                context.Workload.IsSynthetic,
                Environment.ProcessorCount,
                started,
                DateTimeOffset.UtcNow,
                _options
            );
            Storage.AtomicFile.WriteAllText(analysisPath, SuiteAnalysis.ToJson(rows, manifest));
            charts = _options.WriteCharts && _charts is not null ? _charts.WriteSuiteCharts(rows, _options.OutputFolder) : [];
            stored = store.Rows;
        }

        // After the store closes, so that the step views it writes on closing are on disk for the front page to link.
        _charts?.WriteIndex(_options.OutputFolder, stored);
        return new SuiteSummary(_options.OutputFolder, steps, analysisPath, charts, clock.Elapsed);
    }

    /// <summary>The tests of one step, in plan order, as this run's options and store determine them.</summary>
    public IReadOnlyList<SuiteTest> Plan(int step, IEnumerable<ResultRow> storedRows, ExperimentContext context)
    {
        int n = _options.MaxRequests;
        switch (step)
        {
            case SuiteStep.RequestScaling:
                return SuitePlanner.StepOne(n);
            case SuiteStep.GpuScaling:
                return SuitePlanner.StepTwo(n, _options.MaxGpus);
            case SuiteStep.Grid:
                return SuitePlanner.GridTests(n, _options.MaxGpus);
            case SuiteStep.Compare:
                var grid = SuiteRows.Matching(storedRows, context, _options).Where(r => r.Step == SuiteStep.Grid).ToArray();
                if (grid.Length == 0)
                {
                    _observer.Warning(
                        "compare: no grid rows in the store for this configuration; the optimal configuration falls back to 1 GPU, K = 8 (run --step grid first)."
                    );
                }

                return SuitePlanner.CompareTests(n, grid);
            default:
                var stepTwo = SuiteRows.Matching(storedRows, context, _options).Where(r => r.Step == SuiteStep.GpuScaling);
                var (gpus, reason) = SuitePlanner.StepThreeGpuCount(_options.KSweepAt, _options.BestGpuCount, stepTwo);
                var message = $"Step 3 runs on {gpus} GPUs: {reason}.";
                if (_options.BestGpuCount is null && !stepTwo.Any())
                {
                    _observer.Warning(message);
                }
                else
                {
                    _observer.Info(message);
                }

                return SuitePlanner.StepThree(n, gpus);
        }
    }

    /// <summary>The shared state of one seed's runs; only the first seed's context reports what it loaded.</summary>
    private ExperimentContext LoadContext(int seed, bool quiet)
    {
        var context = ExperimentContext.Create(_options.Workload with { Seed = seed }, _options.MaxRequests, _options.CalibrationPath);
        if (quiet)
        {
            return context;
        }

        _observer.Info($"Dataset: {context.Workload.DisplayName} ({context.Workload.Count:N0} requests loaded, sha256 {context.DatasetSha256[..12]}...)");
        if (context.Workload.Count < _options.MaxRequests)
        {
            _observer.Warning(
                $"the dataset has only {context.Workload.Count:N0} rows; tests asking for more run with all {context.Workload.Count:N0} (recorded as num_requests)."
            );
        }

        foreach (var warning in context.Workload.Warnings)
        {
            _observer.Warning(warning);
        }

        return context;
    }

    private async Task<StepSummary> RunStepAsync(int step, ExperimentContext[] contexts, ResultStore store, CancellationToken cancellation)
    {
        var tests = Plan(step, store.Rows, contexts[0]);
        int offset = SuiteStep.Ordered.TakeWhile(s => s != step).Sum(s => PlannedCount(s));
        var inShard = tests.Where((_, i) => SuitePlanner.InShard(offset + i, _options.Shard)).ToArray();
        // Every seed of a test lands in the same shard; each seed has its own predictions, boundaries and key.
        var adopted = inShard
            .SelectMany(t =>
                contexts.Select(context =>
                {
                    var config = EngineConfig(context.ConfigFor(t, _options.Scheduler), out string? whyNot);
                    return (Test: t, Context: context, Config: config, WhyNot: whyNot);
                })
            )
            .ToList();
        SaySkipped(step, inShard.Length, adopted.Where(a => a.Config is null).Select(a => (a.Test, a.WhyNot)));
        var planned = adopted
            .Where(a => a.Config is not null)
            .Select(a => new PlannedTest(a.Test, a.Context, a.Config!, TestKey.Compute(a.Context, a.Test, a.Config!)))
            .DistinctBy(p => p.Key) // compare's optimal configuration may be its fixed 1-GPU K = 8 test
            .ToList();
        return await StoredExperiment
            .RunAsync(
                step,
                planned,
                store,
                _options.Force,
                _options.Parallelism,
                _observer,
                RunOne,
                (item, error, seconds) =>
                    Tagged(ResultRows.Failure(item.Context, item.Test, item.Config, item.Key, error, seconds, DateTimeOffset.UtcNow), item.Config),
                cancellation
            )
            .ConfigureAwait(false);
    }

    /// <summary>How many tests a step plans (Step 3's count does not depend on its GPU count), for shard offsets.</summary>
    private int PlannedCount(int step) => SuitePlanner.PlannedCount(step, _options.MaxRequests, _options.MaxGpus);

    /// <summary>
    /// The test's configuration on the suite's engine (unchanged for the batch engine; a disaggregated split scaled to
    /// the test's GPU count), or null, with the reason, when the engine's settings cannot run at the test's size.
    /// </summary>
    private SimulationConfig? EngineConfig(SimulationConfig config, out string? whyNot) =>
        Simulation.SimulationEngines.Get(_options.Engine).Adopt(config, SuiteSettings, out whyNot);

    /// <summary>The engine settings the whole suite runs with (what its rows are tagged and matched by).</summary>
    private SimulationConfig SuiteSettings => new() { Engine = _options.Engine, Continuous = _options.Continuous };

    /// <summary>
    /// Says once per step which tests the engine's settings cannot run (a disaggregated suite's 1-GPU tests). They are
    /// never stored: a skipped test is not a failure, and its absence from the step's rows is said, not hidden.
    /// </summary>
    private void SaySkipped(int step, int tests, IEnumerable<(SuiteTest Test, string? WhyNot)> unrunnable)
    {
        var skipped = unrunnable.DistinctBy(u => u.Test).ToArray();
        if (skipped.Length > 0)
        {
            _observer.Warning(
                $"{SuiteStep.Title(step)}: {skipped.Length} of {tests} tests skipped ({string.Join(", ", skipped.Select(u => u.Test.Label))}): {skipped[0].WhyNot}."
            );
        }
    }

    /// <summary>
    /// The row with the run's extra columns: its load level and its engine (none for the batch engine without a level),
    /// tagged with the suite's engine settings (so that <see cref="SuiteRows.Matching"/> finds it), plus a disaggregated
    /// run's own split at this GPU count.
    /// </summary>
    private ResultRow Tagged(ResultRow row, SimulationConfig config)
    {
        row = _options.LoadLevel is { } level ? LoadLevels.Tag(row, level) : row;
        row = Simulation.SimulationEngines.Get(config.Engine).Settings(SuiteSettings) is { } settings ? EngineColumns.Tag(row, config.Engine, settings) : row;
        return config.Continuous.Disaggregation is { } pools ? EngineColumns.TagPools(row, pools) : row;
    }

    private ResultRow RunOne(PlannedTest item, Stopwatch clock)
    {
        // A simulation is a pure function of its workload and configuration: one that an earlier step of this process
        // already ran (Step 2 repeats Step 1's largest runs) is not run again; its row carries the same metrics and the
        // execution time of the run that computed them.
        string simulation = TestKey.Simulation(item.Context, item.Test, item.Config);
        if (!_simulated.TryGetValue(simulation, out var metrics))
        {
            metrics = SimulationEngines.Run(item.Context.WorkloadFor(item.Test.Requests), item.Config, recordTimeline: false).Metrics;
            _simulated.TryAdd(simulation, metrics);
        }

        return Tagged(ResultRows.Success(item.Context, item.Test, item.Config, item.Key, metrics, DateTimeOffset.UtcNow), item.Config);
    }
}
