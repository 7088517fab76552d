using System.Globalization;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>Options of <c>mbsim capacity</c>: which configurations to search, on what, to which SLA target.</summary>
public sealed record CapacitySweepOptions
{
    /// <summary>The workload replayed at each candidate rate: dataset, predictor, seed, and N in
    /// <see cref="WorkloadOptions.Requests"/> (100,000 by default). Its arrival scaling is the search's variable.</summary>
    public WorkloadOptions Workload { get; init; } = new() { Requests = 100_000 };

    /// <summary>Scheduler parameters every configuration starts from (scheduler and K are set per configuration).</summary>
    public SchedulerOptions Scheduler { get; init; } = new();

    /// <summary>Calibration grid CSV; null = the shipped default grid.</summary>
    public string? CalibrationPath { get; init; }

    /// <summary>The schedulers to search.</summary>
    public IReadOnlyList<SchedulerKind> Schedulers { get; init; } = Scheduling.Schedulers.All;

    /// <summary>The GPU counts to search.</summary>
    public IReadOnlyList<int> Gpus { get; init; } = [1, 2, 4, 8];

    /// <summary>The bin counts of binned schedulers.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [4];

    /// <summary>Largest acceptable SLA violation rate (the batch engine's criterion, <see cref="CapacityCriterion.RequestSla"/>).</summary>
    public double Target { get; init; } = CapacitySearch.DefaultTarget;

    /// <summary>
    /// The flush deadline of a partial bin, as a fraction of D_SLA, for schedulers that read
    /// <see cref="SchedulerOptions.MaxWait"/> (multi_bin_paper) when <see cref="Scheduler"/> sets none. Without one,
    /// Algorithm 1 of arXiv 2412.04504 waits for a full batch of B: a request waits for B - 1 more arrivals in its bin,
    /// about K (B - 1) / (2 rate) seconds, which grows without bound as the rate falls, so no rate meets an SLA and the
    /// search (which lowers the rate when the SLA fails) reports capacity 0. With a deadline of 0.1 D_SLA a request at
    /// low load is flushed alone after 0.1 D_SLA and served in t(1, L), leaving 90 % of the SLA for its service.
    /// </summary>
    public const double MaxWaitFractionOfSla = 0.1;

    /// <summary>The scheduler options of a search of <paramref name="kind"/>: <see cref="Scheduler"/>, with a flush deadline of
    /// <see cref="MaxWaitFractionOfSla"/> D_SLA for a scheduler that reads <see cref="SchedulerOptions.MaxWait"/> and has none.</summary>
    public SchedulerOptions SchedulerFor(SchedulerKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Scheduler.MaxWait is null && kind.Parameters.Contains(nameof(SchedulerOptions.MaxWait))
            ? Scheduler with
            {
                MaxWait = MaxWaitFractionOfSla * Scheduler.DSla,
            }
            : Scheduler;
    }

    /// <summary>The engine every search runs on (<see cref="SimulationEngines"/>): <c>batch</c> (default) or <c>continuous</c>.</summary>
    public string Engine { get; init; } = BatchEngine.EngineName;

    /// <summary>
    /// The continuous engine's configurations to search, one axis beside the GPU (replica) count: each a complete
    /// <see cref="ContinuousOptions"/> (policy, step model, KV cache, SLOs, ...), labelled by <see cref="VariantLabel"/>.
    /// Used only when <see cref="Engine"/> is <c>continuous</c>; new options (batching, admission) become more values here.
    /// </summary>
    public IReadOnlyList<ContinuousOptions> ContinuousVariants { get; init; } = [new()];

    /// <summary>Smallest acceptable SLO attainment on the continuous engine (<see cref="CapacityCriterion.SloAttainment"/>).</summary>
    public double Attainment { get; init; } = CapacitySearch.DefaultAttainment;

    /// <summary>Whether the engine reports token times, so capacity is judged by SLO attainment (the continuous engine).</summary>
    public bool IsContinuous => SimulationEngines.Get(Engine).MeasuresTokenTimes;

    /// <summary>
    /// What "keeps up" means: the request SLA (violation rate &lt;= <see cref="Target"/>) on the batch engine, the SLO attainment (&gt;=
    /// <see cref="Attainment"/>) on the continuous engine.
    /// </summary>
    public CapacityCriterion Criterion => IsContinuous ? CapacityCriterion.SloAttainment(Attainment) : CapacityCriterion.RequestSla(Target);

    /// <summary>
    /// The label of a continuous variant in rows, tables and charts (<c>scheduler_type</c>): its policy's name, then
    /// "+multi-bin", "+dynamic" and, disaggregated, "+P:D" (prefill:decode replicas) where they apply.
    /// </summary>
    public static string VariantLabel(ContinuousOptions variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.Policy.Name
            + (variant.Admission == ContinuousAdmission.MultiBin ? "+" + variant.Admission.Name : "")
            + (variant.Batching == Simulation.Continuous.Dynamic.BatchingMode.Dynamic ? "+dynamic" : "")
            + (variant.Disaggregation is { } pools ? $"+{pools.PrefillReplicas}:{pools.DecodeReplicas}" : "");
    }

    /// <summary>Relative tolerance of the rate multiplier.</summary>
    public double Tolerance { get; init; } = CapacitySearch.DefaultTolerance;

    /// <summary>The results folder (rows go to step 4, capacity_search).</summary>
    public string OutputFolder { get; init; } = ResultStore.DefaultFolder;

    /// <summary>Searches run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Recompute searches already stored.</summary>
    public bool Force { get; init; }

    /// <summary>Requests replayed (<see cref="WorkloadOptions.Requests"/>, 100,000 when unset).</summary>
    public int Requests => Workload.Requests ?? 100_000;

    /// <summary>Throws a <see cref="Errors.ConfigurationException"/> with every invalid value, keyed by property path.</summary>
    public void Validate()
    {
        var errors = new Errors.ValidationErrors();
        errors.Nested(nameof(Workload), Workload.Validate);
        errors.Nested(nameof(Scheduler), Scheduler.Validate);
        errors.Require(Schedulers.Count > 0, nameof(Schedulers), "needs at least one scheduler");
        errors.Require(
            Gpus.Count > 0 && Gpus.All(g => g is >= 1 and <= Simulation.SimulationConfig.MaxGpus),
            nameof(Gpus),
            $"needs GPU counts between 1 and {Simulation.SimulationConfig.MaxGpus}"
        );
        errors.Require(
            Ks.Count > 0 && Ks.All(k => k is >= 1 and <= BinBoundaries.MaxBins),
            nameof(Ks),
            $"needs bin counts between 1 and {BinBoundaries.MaxBins}"
        );
        errors.Require(Target is >= 0 and < 1, nameof(Target), $"must be in [0, 1) (got {Target})");
        errors.Require(
            SimulationEngines.Names.Contains(Engine),
            nameof(Engine),
            $"unknown engine '{Engine}'; known: {string.Join(", ", SimulationEngines.Names)}"
        );
        if (IsContinuous)
        {
            errors.Require(Attainment is > 0 and <= 1, nameof(Attainment), $"must be in (0, 1] (got {Attainment})");
            errors.Require(ContinuousVariants.Count > 0, nameof(ContinuousVariants), "needs at least one continuous-engine configuration");
            errors.Require(
                ContinuousVariants.Select(VariantLabel).Distinct().Count() == ContinuousVariants.Count,
                nameof(ContinuousVariants),
                "needs configurations with distinct labels (policies)"
            );
            foreach (var variant in ContinuousVariants)
            {
                errors.Nested("Continuous", continuous => variant.Validate(continuous, Scheduler.Memory));
                if (variant.Disaggregation is { } pools)
                {
                    errors.Require(
                        Gpus.All(g => g == pools.Replicas),
                        nameof(Gpus),
                        $"a disaggregated configuration runs on P + D = {pools.Replicas} GPUs (got {string.Join(", ", Gpus)})"
                    );
                }
            }
        }

        errors.Require(Tolerance > 0 && double.IsFinite(Tolerance), nameof(Tolerance), $"must be > 0 (got {Tolerance})");
        errors.Require(Parallelism >= 1, nameof(Parallelism), $"must be at least 1 (got {Parallelism})");
        errors.Require(
            Shard.Count >= 1 && Shard.Index >= 1 && Shard.Index <= Shard.Count,
            nameof(Shard),
            $"must be I/N with 1 <= I <= N (got {Shard.Index}/{Shard.Count})"
        );
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Search only slice <c>Index</c> (1-based) of <c>Count</c> round-robin slices of <see cref="CapacitySweep.Plan"/>, for cluster job arrays.
    /// </summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);
}

/// <summary>
/// The capacity of every scheduler x GPU count x K configuration, each found by <see cref="CapacitySearch"/>, stored as
/// rows of step 4 (<c>capacity_search</c>) of the result store: <c>rps_scaling</c> is the capacity's arrival multiplier
/// and <c>offered_load_requests_per_sec</c> the sustained rate. Resumable like the suite; charted as capacity vs GPUs.
/// </summary>
public static class CapacitySweep
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(
        CapacitySweepOptions options,
        ISuiteObserver? observer = null,
        IChartWriter? charts = null,
        CancellationToken cancellation = default
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        observer ??= new LineSuiteObserver(TextWriter.Null);
        var workloadOptions = options.Workload with { RpsScaling = 1.0, RealTimestamps = false, Requests = options.Requests };
        var context = ExperimentContext.Create(workloadOptions, options.Requests, options.CalibrationPath);
        var criterion = options.Criterion;
        string extra = options.IsContinuous
            ? string.Create(CultureInfo.InvariantCulture, $"capacity(criterion={criterion.Name},tolerance={options.Tolerance:R})")
            : string.Create(CultureInfo.InvariantCulture, $"capacity(target={options.Target:R},tolerance={options.Tolerance:R})");
        var tests = Configurations(options).Where((_, i) => SuitePlanner.InShard(i, options.Shard)).ToList();

        IReadOnlyList<ResultRow> rows,
            stored;
        await using (var store = await ResultStore.OpenAsync(options.OutputFolder, cancellation: cancellation).ConfigureAwait(false))
        {
            var planned = tests
                .Select(t =>
                {
                    var config = context.ConfigFor(t.Test, options.SchedulerFor(t.Test.Scheduler));
                    if (t.Continuous is { } continuous)
                    {
                        config = config with { Engine = ContinuousEngine.EngineName, Continuous = continuous };
                    }

                    return new PlannedTest(t.Test, context, config, TestKey.Compute(context, t.Test, config, extra));
                })
                .ToList();
            var baseline = context.WorkloadFor(options.Requests);
            var step = await StoredExperiment
                .RunAsync(
                    SuiteStep.CapacitySearch,
                    planned,
                    store,
                    options.Force,
                    options.Parallelism,
                    observer,
                    (item, clock) =>
                    {
                        var found = CapacitySearch.Find(baseline, item.Config, criterion, options.Tolerance);
                        var row = ResultRows
                            .Success(
                                context,
                                item.Test,
                                item.Config,
                                item.Key,
                                found.Metrics with
                                {
                                    ExecutionTimeSeconds = clock.Elapsed.TotalSeconds,
                                },
                                DateTimeOffset.UtcNow
                            )
                            .With(ConfigurationColumns.RpsScaling.Name, found.RpsScaling);
                        return options.IsContinuous ? CapacityColumns.Add(row, item.Config, found) : row;
                    },
                    (item, error, seconds) =>
                    {
                        var row = ResultRows.Failure(context, item.Test, item.Config, item.Key, error, seconds, DateTimeOffset.UtcNow);
                        return options.IsContinuous ? CapacityColumns.Add(row, item.Config, found: null, criterion) : row;
                    },
                    cancellation
                )
                .ConfigureAwait(false);
            rows = step.Rows;
            stored = store.Rows;
            charts?.WriteCapacityChart(rows, options.OutputFolder);
            AtomicFile.WriteAllText(Path.Combine(options.OutputFolder, ManifestFileName), ManifestJson(options, context));
        }

        // After the store closes, so that the views it writes on closing are on disk for the index to link.
        charts?.WriteIndex(options.OutputFolder, stored);
        return rows;
    }

    /// <summary>The sweep's manifest beside its view: <c>capacity_search.json</c>.</summary>
    public const string ManifestFileName = "capacity_search.json";

    /// <summary>
    /// The manifest of a sweep (no times, so the same sweep gives the same bytes): tool version, git commit, dataset and
    /// its SHA-256, and the resolved configuration as canonical JSON (<see cref="CanonicalConfiguration"/>).
    /// </summary>
    public static string ManifestJson(CapacitySweepOptions options, ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        string configuration = CanonicalConfiguration.Serialize(
            new
            {
                options.Engine,
                Criterion = options.Criterion.Name,
                options.Target,
                Attainment = options.IsContinuous ? options.Attainment : (double?)null,
                options.Tolerance,
                Schedulers = options.IsContinuous ? null : options.Schedulers.Select(k => k.Name).ToArray(),
                options.Gpus,
                options.Ks,
                options.Requests,
                Calibration = options.CalibrationPath ?? "shipped default grid",
                options.Workload,
                options.Scheduler,
                ContinuousVariants = options.IsContinuous ? options.ContinuousVariants : null,
            }
        );
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("manifest");
            RunManifest.WriteProvenance(
                json,
                CodeVersion.Full,
                RunManifest.FindGitCommit(),
                options.Workload.Dataset,
                context.DatasetSha256,
                context.Workload.IsSynthetic
            );
            json.WriteString("shard", $"{options.Shard.Index}/{options.Shard.Count}");
            json.WritePropertyName("configuration");
            json.WriteRawValue(configuration);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Every search the options ask for, in the fixed order shards slice: on the batch engine scheduler, then GPU count,
    /// then K; on the continuous engine continuous variant, then replica (GPU) count. A continuous search's
    /// <see cref="SuiteTest.Scheduler"/> is a label-only descriptor named by <see cref="CapacitySweepOptions.VariantLabel"/>.
    /// </summary>
    public static IReadOnlyList<SuiteTest> Plan(CapacitySweepOptions options) => Configurations(options).Select(c => c.Test).ToList();

    private static List<(SuiteTest Test, ContinuousOptions? Continuous)> Configurations(CapacitySweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsContinuous)
        {
            return (
                from variant in options.ContinuousVariants
                let binned = variant.UsesBins
                from gpus in options.Gpus.Distinct()
                from k in binned ? options.Ks.Distinct() : [1]
                select (
                    new SuiteTest(
                        SuiteStep.CapacitySearch,
                        ContinuousVariantKind.For(CapacitySweepOptions.VariantLabel(variant), binned),
                        options.Requests,
                        gpus,
                        k
                    ),
                    (ContinuousOptions?)variant
                )
            ).ToList();
        }

        return (
            from kind in options.Schedulers
            from gpus in options.Gpus
            from k in kind.IsBinned ? options.Ks : [1]
            select new SuiteTest(SuiteStep.CapacitySearch, kind, options.Requests, gpus, k)
        )
            .Distinct()
            .Select(t => (t, (ContinuousOptions?)null))
            .ToList();
    }
}
