using System.Text;
using System.Text.Json;
using MultiBinSim.Errors;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// OUT/analysis.json: per step the series the charts show, the best GPU count, the best K (null when the K curve is
/// flat within the run's resolution; <see cref="BestKVerdict(IReadOnlyList{Series}, double?)"/>), the N at which each
/// configuration's SLA violation rate first exceeds 10 %, and the run's manifest.
/// </summary>
public static class SuiteAnalysis
{
    public const string FileName = "analysis.json";
    public const double ViolationThreshold = 0.10;

    public static string ToJson(IReadOnlyList<ResultRow> rows, RunManifest manifest)
    {
        var frame = ResultFrames.ToDataFrame(rows);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteManifest(json, manifest);

            var requestScaling = SuiteSeries.RequestScaling(frame);
            json.WriteStartObject("request_scaling");
            WriteSeries(json, requestScaling, MetricCatalogue.NumRequests.Name);
            json.WriteStartObject("sla_violation_rate_exceeds_10pct_at_n");
            foreach (var s in requestScaling)
            {
                var first = FirstAbove(s, MetricCatalogue.SlaViolationRate.Name, ViolationThreshold);
                if (first is { } n)
                {
                    json.WriteNumber(s.Label, n);
                }
                else
                {
                    json.WriteNull(s.Label);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();

            var gpuScaling = SuiteSeries.GpuScaling(frame);
            json.WriteStartObject("gpu_scaling");
            WriteSeries(json, gpuScaling, "num_gpus");
            WriteNullableNumber(json, "best_gpu_count", BestX(gpuScaling));
            json.WriteEndObject();

            var kSensitivity = SuiteSeries.KSensitivity(frame);
            json.WriteStartObject("kbins_sensitivity");
            WriteSeries(json, kSensitivity, "k_bins");
            // No best K when the spread over K is below what the run resolves: null, and the verdict says why.
            var verdict = BestKVerdict(kSensitivity, RunSeconds(frame, SuiteStep.KSensitivity));
            WriteNullableNumber(json, "best_k", verdict.BestK);
            json.WriteBoolean("best_k_resolved", verdict.Resolved);
            json.WriteString("best_k_verdict", verdict.Text);
            json.WriteEndObject();
            WriteOptimalConfigurations(json, rows);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The x with the highest capacity under SLA (ties: lower violation rate, then smaller x).</summary>
    public static double? BestX(IReadOnlyList<Series> series)
    {
        var points = series
            .SelectMany(s =>
                s.X.Select(
                    (x, i) => (X: x, Capacity: s.Y[MetricCatalogue.CapacityQpsUnderSla.Name][i], Violation: s.Y[MetricCatalogue.SlaViolationRate.Name][i])
                )
            )
            .Where(p => p.Capacity is not null)
            .OrderByDescending(p => p.Capacity)
            .ThenBy(p => p.Violation ?? double.PositiveInfinity)
            .ThenBy(p => p.X)
            .ToArray();
        return points.Length > 0 ? points[0].X : null;
    }

    /// <summary>
    /// Whether the K sensitivity names a best K at all: <see cref="BestX"/> picks the K of highest capacity under SLA,
    /// but when the capacities over K spread less than the run can resolve, that K is noise, and the verdict says
    /// "flat within resolution" instead. The resolution is, with several seeds, the 95 % confidence intervals (the
    /// highest and lowest points' intervals overlap: flat), else one request more or less within the SLA over the run's
    /// duration (1 / <paramref name="runSeconds"/> req/s). K values within that resolution of the best are named as ties;
    /// a best K from one seed says that seed-to-seed variation was not measured.
    /// </summary>
    /// <param name="series">Step 3's series (<see cref="SuiteSeries.KSensitivity"/>).</param>
    /// <param name="runSeconds">The runs' mean <c>total_time</c> (s), or null when unknown (then only an exactly flat curve is flat).</param>
    public static KVerdict BestKVerdict(IReadOnlyList<Series> series, double? runSeconds)
    {
        ArgumentNullException.ThrowIfNull(series);
        string capacity = MetricCatalogue.CapacityQpsUnderSla.Name;
        var points = series
            .SelectMany(s => s.X.Select((x, i) => (X: x, Capacity: s.Y[capacity][i], HalfWidth: s.YError.TryGetValue(capacity, out var e) ? e[i] : null)))
            .Where(p => p.Capacity is not null)
            .Select(p => (p.X, Capacity: p.Capacity!.Value, p.HalfWidth))
            .ToArray();
        if (BestX(series) is not { } best || points.Length == 0)
        {
            return new KVerdict(null, false, "no K sensitivity rows");
        }

        var high = points.MaxBy(p => p.Capacity);
        var low = points.MinBy(p => p.Capacity);
        double spread = high.Capacity - low.Capacity;
        bool seeds = points.Any(p => p.HalfWidth is not null);
        double resolution =
            seeds ? (high.HalfWidth ?? 0) + (low.HalfWidth ?? 0)
            : runSeconds is > 0 ? 1 / runSeconds.Value
            : 0;
        // No apostrophes: analysis.json escapes them (\u0027).
        string what = seeds ? "the 95 % confidence intervals of the seeds overlap" : "one request over the duration of the run";
        string range = FormattableString.Invariant($"K = {points.Min(p => p.X):G}..{points.Max(p => p.X):G}");
        if (spread <= resolution)
        {
            return new KVerdict(
                null,
                false,
                FormattableString.Invariant(
                    $"flat within resolution: capacity under SLA spans {spread:G3} req/s over {range}, within the resolution ({what}: {resolution:G3} req/s); no best K"
                )
            )
            {
                Spread = spread,
                RelativeSpread = high.Capacity > 0 ? spread / high.Capacity : 0,
                Resolution = resolution,
                SingleSeed = !seeds,
            };
        }

        var top = points.Where(p => p.X == best).MaxBy(p => p.Capacity);
        var ties = points
            .Where(p => p.X != best && top.Capacity - p.Capacity <= (seeds ? (top.HalfWidth ?? 0) + (p.HalfWidth ?? 0) : resolution))
            .Select(p => p.X)
            .Distinct()
            .Order()
            .ToArray();
        string tied = ties.Length > 0 ? FormattableString.Invariant($"; K = {string.Join(", ", ties)} within resolution of it") : "";
        // One seed resolves the run, not the workload: say that seed-to-seed variation is not measured.
        string oneSeed = seeds ? "" : "; one seed, so whether this exceeds seed-to-seed variation is not measured (--seeds N gives confidence intervals)";
        return new KVerdict(
            best,
            true,
            FormattableString.Invariant(
                $"best K = {best:G} by capacity under SLA (spread {spread:G3} req/s over {range}, above the resolution, {what}: {resolution:G3} req/s){tied}{oneSeed}"
            )
        )
        {
            Spread = spread,
            RelativeSpread = high.Capacity > 0 ? spread / high.Capacity : 0,
            Resolution = resolution,
            Ties = ties,
            SingleSeed = !seeds,
        };
    }

    /// <summary>
    /// The K verdict of a suite frame's Step 3 rows: <see cref="BestKVerdict(IReadOnlyList{Series}, double?)"/> on
    /// <see cref="SuiteSeries.KSensitivity"/> with the rows' mean duration (<see cref="RunSeconds"/>), as the K-sensitivity
    /// charts and analysis.json judge it; a notebook prints its <see cref="KVerdict.Text"/> instead of naming a best K.
    /// </summary>
    public static KVerdict KVerdictOf(Microsoft.Data.Analysis.DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return BestKVerdict(SuiteSeries.KSensitivity(frame), RunSeconds(frame, SuiteStep.KSensitivity));
    }

    /// <summary>The mean <c>total_time</c> (s) of a step's successful rows, or null when none has it.</summary>
    public static double? RunSeconds(Microsoft.Data.Analysis.DataFrame frame, int step)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Columns.IndexOf(MetricCatalogue.TotalTime.Name) < 0)
        {
            return null;
        }

        var seconds = new List<double>();
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            if (
                Convert.ToInt32(frame.Columns[ConfigurationColumns.Step.Name][i], System.Globalization.CultureInfo.InvariantCulture) == step
                && (string)frame.Columns[ConfigurationColumns.Status.Name][i] == ResultRow.Success
                && frame.Columns[MetricCatalogue.TotalTime.Name][i] is { } v
            )
            {
                seconds.Add(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return seconds.Count > 0 ? seconds.Average() : null;
    }

    /// <summary>The first x whose <paramref name="metric"/> is above <paramref name="threshold"/>, or null.</summary>
    public static double? FirstAbove(Series series, string metric, double threshold)
    {
        for (int i = 0; i < series.X.Count; i++)
        {
            if (series.Y[metric][i] > threshold)
            {
                return series.X[i];
            }
        }

        return null;
    }

    private static void WriteManifest(Utf8JsonWriter json, RunManifest m)
    {
        json.WriteStartObject("manifest");
        RunManifest.WriteProvenance(json, m.ToolVersion, m.GitCommit, m.Dataset, m.DatasetSha256, m.SyntheticDataset);
        json.WriteNumber("machine_cores", m.MachineCores);
        json.WriteString("start_time", m.Start.UtcDateTime.ToString("O"));
        json.WriteString("end_time", m.End.UtcDateTime.ToString("O"));
        var o = m.Options;
        json.WriteStartObject("options");
        json.WriteString("steps", string.Join(",", o.Steps));
        json.WriteNumber("max_requests", o.MaxRequests);
        json.WriteNumber("max_gpus", o.MaxGpus);
        WriteNullableNumber(json, "best_gpu_count", o.BestGpuCount);
        if (o.LoadLevel is { } level)
        {
            json.WriteString("load_level", LoadLevels.Name(level));
        }

        if (EngineColumns.SettingsOf(o) is { } settings)
        {
            json.WriteString("engine", o.Engine);
            json.WriteString("engine_options", EngineColumns.Fingerprint(settings));
        }

        json.WriteString("k_sweep_at", o.BestGpuCount is null ? EnumNames.Name(o.KSweepAt) : "given");
        WriteNullableNumber(json, "rps_scaling", o.Workload.RealTimestamps ? null : o.Workload.RpsScaling);
        json.WriteBoolean("real_timestamps", o.Workload.RealTimestamps);
        json.WriteNumber("d_sla", o.Scheduler.DSla);
        json.WriteString("predictor", o.Workload.Predictor);
        json.WriteNumber("seed", o.Workload.Seed);
        json.WriteNumber("parallel", o.Parallelism);
        json.WriteString("shard", $"{o.Shard.Index}/{o.Shard.Count}");
        json.WriteEndObject();
        json.WritePropertyName("configuration");
        json.WriteRawValue(Configuration(o));
        json.WriteEndObject();
    }

    /// <summary>
    /// The suite's resolved configuration as canonical JSON (<see cref="CanonicalConfiguration"/>: every property of the
    /// workload, scheduler and the engine's own settings (<see cref="Simulation.ISimulationEngine.Settings"/>: the continuous options on the continuous
    /// engine), plus the plan): what the results folder's
    /// index shows as "the resolved configuration". Not the folder, parallelism or shard (how it ran, not what).
    /// </summary>
    public static string Configuration(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CanonicalConfiguration.Serialize(
            new
            {
                options.Engine,
                Steps = string.Join(",", options.Steps),
                options.MaxRequests,
                options.MaxGpus,
                options.BestGpuCount,
                KSweepAt = options.BestGpuCount is null ? EnumNames.Name(options.KSweepAt) : "given",
                LoadLevel = options.LoadLevel is { } level ? LoadLevels.Name(level) : null,
                options.Seeds,
                Calibration = options.CalibrationPath ?? "shipped default grid",
                options.Workload,
                options.Scheduler,
                Continuous = EngineColumns.SettingsOf(options),
            }
        );
    }

    /// <summary>The grid's optimal configuration per workload size (only when the rows hold grid rows).</summary>
    private static void WriteOptimalConfigurations(Utf8JsonWriter json, IReadOnlyList<ResultRow> rows)
    {
        var grid = rows.Where(r => r.Step == SuiteStep.Grid).ToArray();
        if (grid.Length == 0)
        {
            return;
        }

        json.WriteStartArray("optimal_configurations");
        foreach (var size in grid.GroupBy(r => r.Get<int>(ConfigurationColumns.NumRequestsRequested.Name)!.Value).OrderBy(g => g.Key))
        {
            if (SuitePlanner.Optimal(size) is not { } optimal)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteNumber("num_requests", size.Key);
            json.WriteNumber("num_gpus", optimal.Gpus);
            json.WriteNumber("k_bins", optimal.K);
            json.WriteNumber("sla_violation_rate", optimal.SlaViolationRate);
            json.WriteString(
                "rule",
                optimal.Fallback
                    ? $"fallback: no configuration within {SuitePlanner.OptimalViolationRate:P0} SLA violation; the lowest violation rate"
                    : $"the fewest GPUs with SLA violation <= {SuitePlanner.OptimalViolationRate:P0}, then the K of lowest violation"
            );
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSeries(Utf8JsonWriter json, IReadOnlyList<Series> series, string xName)
    {
        json.WriteStartArray("series");
        foreach (var s in series)
        {
            json.WriteStartObject();
            json.WriteString("label", s.Label);
            json.WriteStartArray(xName);
            foreach (double x in s.X)
            {
                json.WriteNumberValue(x);
            }

            json.WriteEndArray();
            // Metrics no row has (the continuous engine's on batch-engine rows) are left out.
            foreach (var (metric, values) in s.Y.Where(y => y.Value.Any(v => v is not null) || !SuiteSeries.ContinuousMetrics.Any(m => m.Name == y.Key)))
            {
                WriteNumbers(json, metric, values);
            }

            // With several seeds, the half-width of each point's 95 % confidence interval.
            foreach (var (metric, halfWidths) in s.YError.Where(e => e.Value.Any(v => v is not null)))
            {
                WriteNumbers(json, metric + "_ci95_half_width", halfWidths);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>An array of numbers, with null where a value is missing or not finite.</summary>
    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<double?> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            if (v is { } d && double.IsFinite(d))
            {
                json.WriteNumberValue(d);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>The K sensitivity's verdict (<see cref="SuiteAnalysis.BestKVerdict"/>).</summary>
/// <param name="BestK">The best K, or null when the curve is flat within resolution (or there are no rows).</param>
/// <param name="Resolved">Whether the spread over K is above what the run resolves.</param>
/// <param name="Text">One sentence: "best K = 8 by capacity under SLA (...)" or "flat within resolution: ...; no best K".</param>
public sealed record KVerdict(double? BestK, bool Resolved, string Text)
{
    /// <summary>Highest minus lowest capacity under SLA over K (req/s).</summary>
    public double Spread { get; init; }

    /// <summary><see cref="Spread"/> over the highest capacity.</summary>
    public double RelativeSpread { get; init; }

    /// <summary>What the run resolves (req/s): the seeds' interval half-widths, or one request over the run's duration.</summary>
    public double Resolution { get; init; }

    /// <summary>Other K within the resolution of the best.</summary>
    public IReadOnlyList<double> Ties { get; init; } = [];

    /// <summary>Whether the verdict comes from one seed (seed-to-seed variation not measured).</summary>
    public bool SingleSeed { get; init; }
}
