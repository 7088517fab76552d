namespace MultiBinSim.Storage;

/// <summary>
/// The configuration-column catalogue, beside the metric catalogue (<see cref="Metrics.MetricCatalogue"/>): one object
/// per column that says what ran (and how it went), in <see cref="ResultSchema"/>'s order, then the extra columns that
/// only some rows carry (the continuous engine's, a load level's, a capacity search's). The schema takes its
/// non-metric columns from here, rows are written and read through these objects, and a test proves no column name
/// appears as a string literal anywhere else in the library or the command line.
/// </summary>
public static class ConfigurationColumns
{
    // What ran: the leading columns of every row.
    public static readonly TextColumn TestKey = new(
        "test_key",
        "test key",
        false,
        "The first 32 hex digits of the SHA-256 of everything that determines the test's numbers (TestKey.Canonical)."
    );
    public static readonly ValueColumn<int> Step = new("step", "step", null, false, "The suite step (1-3, 4 capacity search, 5 grid, 6 compare).");
    public static readonly TextColumn StepName = new(
        "step_name",
        "step name",
        false,
        "The step's name (request_scaling, gpu_scaling, kbins_sensitivity, capacity_search, grid, compare)."
    );
    public static readonly TextColumn SchedulerType = new(
        "scheduler_type",
        "scheduler",
        false,
        "The batch scheduler (on the continuous engine: the continuous policy's batch twin, which matters only through multi-bin admission)."
    );
    public static readonly ValueColumn<int> NumRequestsRequested = new(
        "num_requests_requested",
        "requests asked",
        "requests",
        false,
        "N as planned (num_requests is what the dataset gave)."
    );
    public static readonly ValueColumn<int> NumGpus = new(
        "num_gpus",
        "GPUs",
        null,
        false,
        "GPUs (continuous engine: replicas; disaggregated: prefill plus decode replicas)."
    );
    public static readonly ValueColumn<int> KBins = new("k_bins", "bins K", null, false, "Bins of multi-bin batching (1 for a scheduler without bins).");
    public static readonly TextColumn BinPolicy = new(
        "bin_policy",
        "bin policy",
        false,
        "Which bin a free GPU serves next (round-robin, longest-queue); empty without bins."
    );
    public static readonly TextColumn BinBoundaries = new("bin_boundaries", "bin boundaries", false, "The bins' predicted-output-length intervals.");
    public static readonly ValueColumn<double> RpsScaling = new(
        "rps_scaling",
        "arrival-rate scaling",
        "x",
        false,
        "Arrival-rate multiplier (timestamps divided by it); empty with real timestamps."
    );
    public static readonly ValueColumn<bool> UseRealTimestamps = new(
        "use_real_timestamps",
        "real timestamps",
        null,
        false,
        "Whether the trace's own timestamps were used."
    );
    public static readonly ValueColumn<double> DSla = new("d_sla", "D_SLA", "s", false, "The request latency SLA.");
    public static readonly TextColumn Predictor = new("predictor", "predictor", false, "The output-length predictor.");
    public static readonly ValueColumn<int> Seed = new("seed", "seed", null, false, "The workload's seed (synthetic trace and predictor noise).");
    public static readonly TextColumn Dataset = new("dataset", "dataset", false, "The dataset's display name.");
    public static readonly TextColumn DatasetSha256 = new("dataset_sha256", "dataset SHA-256", false, "The SHA-256 of the dataset's content.");
    public static readonly TextColumn CodeVersion = new("code_version", "code version", false, "The tool's version and semantics version.");
    public static readonly ValueColumn<double> LatencyAlpha = new(
        "latency_alpha",
        "latency alpha",
        "s",
        false,
        "The batch service-time model's constant term."
    );
    public static readonly ValueColumn<double> LatencyBeta = new(
        "latency_beta",
        "latency beta",
        "s/token",
        false,
        "The batch service-time model's per-token term."
    );
    public static readonly ValueColumn<double> LatencyGamma = new(
        "latency_gamma",
        "latency gamma",
        "s/request",
        false,
        "The batch service-time model's per-request term."
    );

    // How it went: the trailing columns of every row.
    public static readonly TextColumn Status = new("status", "status", false, "success or failed.");
    public static readonly TextColumn ErrorMessage = new("error_message", "error", false, "A failed test's error.");
    public static readonly ValueColumn<DateTime> Timestamp = new("timestamp", "finished", "UTC", false, "When the test finished (milliseconds).");

    // Extra columns, carried by some rows only.
    public static readonly TextColumn Engine = new("engine", "engine", true, "The engine that ran the row (absent: the batch engine).");
    public static readonly TextColumn EngineOptions = new(
        "engine_options",
        "engine options",
        true,
        "The first 16 hex digits of the SHA-256 of the engine's own options."
    );
    public static readonly TextColumn LoadLevel = new("load_level", "load level", true, "The suite's load level (low, medium, high) when run with --load.");
    public static readonly ValueColumn<int> PrefillReplicas = new(
        "prefill_replicas",
        "prefill replicas",
        null,
        true,
        "A disaggregated run's prefill replicas."
    );
    public static readonly ValueColumn<int> DecodeReplicas = new("decode_replicas", "decode replicas", null, true, "A disaggregated run's decode replicas.");
    public static readonly TextColumn CapacityCriterion = new(
        "capacity_criterion",
        "capacity criterion",
        true,
        "A continuous capacity search's criterion, e.g. slo_attainment>=0.9."
    );
    public static readonly ValueColumn<double> CapacityCriterionValue = new(
        "capacity_criterion_value",
        "criterion at capacity",
        null,
        true,
        "The criterion's metric at the capacity found."
    );

    /// <summary>The leading columns of every row, in schema order.</summary>
    public static IReadOnlyList<ConfigurationColumn> Leading { get; } =
    [
        TestKey,
        Step,
        StepName,
        SchedulerType,
        NumRequestsRequested,
        NumGpus,
        KBins,
        BinPolicy,
        BinBoundaries,
        RpsScaling,
        UseRealTimestamps,
        DSla,
        Predictor,
        Seed,
        Dataset,
        DatasetSha256,
        CodeVersion,
        LatencyAlpha,
        LatencyBeta,
        LatencyGamma,
    ];

    /// <summary>The trailing columns of every row, in schema order.</summary>
    public static IReadOnlyList<ConfigurationColumn> Trailing { get; } = [Status, ErrorMessage, Timestamp];

    /// <summary>The extra columns.</summary>
    public static IReadOnlyList<ConfigurationColumn> Extras { get; } =
    [Engine, EngineOptions, LoadLevel, PrefillReplicas, DecodeReplicas, CapacityCriterion, CapacityCriterionValue];

    /// <summary>Every column of the catalogue.</summary>
    public static IReadOnlyList<ConfigurationColumn> All { get; } = [.. Leading, .. Trailing, .. Extras];
}
