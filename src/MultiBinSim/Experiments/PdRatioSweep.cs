using System.Globalization;
using Microsoft.Data.Analysis;
using MultiBinSim.Errors;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>
/// The prefill/decode split at a fixed GPU count (<c>mbsim sweep pd-ratio</c>; README, "Prefill/decode
/// disaggregation"): every split P prefill + D decode replicas with P + D = G, and the colocated layout of G replicas as
/// the reference, on one workload. Each layout is measured at the workload's load (goodput per GPU: requests meeting
/// both SLOs per second per GPU) and, with a capacity criterion, by a capacity search: the highest arrival rate whose SLO
/// attainment meets the criterion, per GPU (DistServe's per-GPU goodput). The best split maximises the searched
/// capacity per GPU when there is one, else the goodput per GPU; ties go to the higher goodput per GPU, then to fewer
/// prefill replicas.
/// </summary>
public static class PdRatioSweep
{
    /// <summary>Requests of the trace a sweep replays by default.</summary>
    public const int DefaultRequests = 20_000;

    /// <summary>GPUs of every layout by default.</summary>
    public const int DefaultGpus = 8;

    /// <summary>
    /// Loads <paramref name="workload"/>'s dataset, builds the workload (and, with a <paramref name="capacity"/>
    /// criterion, the same requests at RPS scaling 1 for the searches) and runs the sweep.
    /// </summary>
    public static PdRatioSweepResult Run(
        WorkloadOptions workload,
        SimulationConfig config,
        int gpus,
        CapacityCriterion? capacity = null,
        double tolerance = CapacitySearch.DefaultTolerance
    )
    {
        ArgumentNullException.ThrowIfNull(workload);
        workload.Validate();
        var trace = Datasets.Load(workload.Dataset, workload.DropFailed ? null : workload.Requests, workload.Format);
        var built = WorkloadBuilder.Build(trace, workload);
        var unscaled = capacity is null ? null : WorkloadBuilder.Build(trace, workload with { RpsScaling = 1.0, RealTimestamps = false });
        return Run(built, unscaled, config, gpus, capacity, tolerance);
    }

    /// <summary>Runs the sweep.</summary>
    /// <param name="workload">The workload at the load measured (arrivals as replayed).</param>
    /// <param name="unscaled">The same requests at RPS scaling 1, for the capacity search; null = no search.</param>
    /// <param name="config">A continuous-engine configuration; its <see cref="ContinuousOptions.Disaggregation"/> (or the
    /// defaults) gives the pools' options other than their sizes.</param>
    /// <param name="gpus">G: GPUs of every layout (at least 2).</param>
    /// <param name="capacity">The capacity criterion (an SLO attainment), with <paramref name="unscaled"/>.</param>
    /// <param name="tolerance">The capacity search's relative tolerance.</param>
    public static PdRatioSweepResult Run(
        Workload workload,
        Workload? unscaled,
        SimulationConfig config,
        int gpus,
        CapacityCriterion? capacity = null,
        double tolerance = CapacitySearch.DefaultTolerance
    )
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(config);
        if (!SimulationEngines.Get(config.Engine).MeasuresTokenTimes)
        {
            throw new ConfigurationException(nameof(SimulationConfig.Engine), $"a P:D sweep runs the continuous engine (got {config.Engine})");
        }

        if (gpus < 2)
        {
            throw new ConfigurationException(nameof(SimulationConfig.Gpus), $"a P:D split needs at least 2 GPUs (got {gpus})");
        }

        if ((capacity is null) != (unscaled is null))
        {
            throw new ArgumentException("A capacity search needs both the criterion and the unscaled workload.", nameof(capacity));
        }

        var template = config.Continuous.Disaggregation ?? new DisaggregationOptions();
        var layouts = new List<SimulationConfig> { config with { Gpus = gpus, Continuous = config.Continuous with { Disaggregation = null } } };
        for (int p = 1; p < gpus; p++)
        {
            var pools = template with { PrefillReplicas = p, DecodeReplicas = gpus - p };
            layouts.Add(config with { Gpus = gpus, Continuous = config.Continuous with { Disaggregation = pools } });
        }

        foreach (var layout in layouts)
        {
            layout.Validate(); // every layout's error before any run
        }

        // Independent runs: the same numbers for any degree of parallelism (each run is deterministic).
        var points = layouts
            .AsParallel()
            .AsOrdered()
            .Select(layout =>
            {
                var metrics = SimulationEngines.Run(workload, layout, recordTimeline: false).Metrics;
                var searched = capacity is null ? null : CapacitySearch.Find(unscaled!, layout, capacity, tolerance);
                return new PdRatioPoint(
                    layout.Continuous.Disaggregation?.PrefillReplicas,
                    layout.Continuous.Disaggregation?.DecodeReplicas,
                    gpus,
                    metrics,
                    searched?.Achievable == true ? searched.RateRequestsPerSec
                        : searched is null ? null
                        : 0.0
                );
            })
            .ToArray();
        return new PdRatioSweepResult(points, gpus, capacity?.Name, tolerance, config.Continuous.SloTtft, config.Continuous.SloTpot);
    }
}

/// <summary>One layout's measurements: P and D (null for colocated), its metrics at the load, and its searched capacity.</summary>
public sealed record PdRatioPoint(int? PrefillReplicas, int? DecodeReplicas, int Gpus, RunMetrics Metrics, double? CapacityRequestsPerSec)
{
    /// <summary>"colocated", or "P:D" (prefill:decode replicas).</summary>
    public string Layout => PrefillReplicas is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p}:{DecodeReplicas}") : "colocated";

    /// <summary>The searched capacity per GPU (DistServe's per-GPU goodput), req/s/GPU.</summary>
    public double? CapacityPerGpu => CapacityRequestsPerSec / Gpus;

    /// <summary>What decides the best split: the capacity per GPU when searched, else the goodput per GPU at the load.</summary>
    public double Score => CapacityPerGpu ?? Metrics.GoodputPerGpu ?? 0.0;
}

/// <summary>The sweep's layouts (colocated first, then P = 1 .. G-1), the best split and a finding in words.</summary>
public sealed record PdRatioSweepResult(
    IReadOnlyList<PdRatioPoint> Points,
    int Gpus,
    string? CapacityCriterion,
    double Tolerance,
    double SloTtft,
    double SloTpot
)
{
    /// <summary>The colocated reference.</summary>
    public PdRatioPoint Colocated => Points[0];

    /// <summary>The splits, P ascending.</summary>
    public IReadOnlyList<PdRatioPoint> Splits => Points.Skip(1).ToArray();

    /// <summary>
    /// The split with the highest <see cref="PdRatioPoint.Score"/>; among equal scores (every capacity 0 included) the
    /// highest goodput per GPU at the load, then fewer prefill replicas.
    /// </summary>
    public PdRatioPoint Best =>
        Splits.Aggregate((a, b) => b.Score > a.Score || (b.Score == a.Score && (b.Metrics.GoodputPerGpu ?? 0) > (a.Metrics.GoodputPerGpu ?? 0)) ? b : a);

    /// <summary>What decides: "capacity per GPU (slo_attainment>=0.9)" or "goodput per GPU at the offered load".</summary>
    public string Criterion => CapacityCriterion is { } c ? $"capacity per GPU ({c})" : "goodput per GPU at the offered load";

    /// <summary>Splits whose searched capacity is within the search's tolerance of the best's (a capacity search resolves no closer).</summary>
    public IReadOnlyList<PdRatioPoint> TiedWithBest
    {
        get
        {
            var best = Best;
            return Splits
                .Where(s => !ReferenceEquals(s, best) && CapacityCriterion is not null && best.Score > 0 && s.Score >= best.Score * (1 - Tolerance))
                .ToArray();
        }
    }

    /// <summary>One or two sentences: the best split, its score against colocated, and any split the sweep cannot tell from it.</summary>
    public string Finding
    {
        get
        {
            var best = Best;
            const string unit = "req/s/GPU";
            string Versus(double value, double colocated) =>
                colocated > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{(value / colocated - 1):+0.0 %;-0.0 %;0.0 %} against colocated ({colocated:G4} {unit})")
                    : "colocated has none";
            if (CapacityCriterion is not null && best.Score <= 0)
            {
                // No split meets the criterion at any rate: say so, and what the load measurement still ranks.
                double colocatedCapacity = Colocated.Score;
                string colocated =
                    colocatedCapacity > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"colocated serving does, up to {colocatedCapacity:G4} {unit}")
                        : "neither does colocated serving";
                double goodput = best.Metrics.GoodputPerGpu ?? 0;
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"No split of {Gpus} GPUs meets {CapacityCriterion} at any arrival rate; {colocated}. At the offered load the best split by goodput per GPU is {best.PrefillReplicas} prefill + {best.DecodeReplicas} decode replicas, {goodput:G4} {unit}, {Versus(goodput, Colocated.Metrics.GoodputPerGpu ?? 0)}."
                );
            }

            string text =
                best.Score <= 0
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"No layout of {Gpus} GPUs serves a request within the SLOs (TTFT <= {SloTtft} s, TPOT <= {SloTpot} s) at the offered load."
                    )
                    : string.Create(
                        CultureInfo.InvariantCulture,
                        $"Best split of {Gpus} GPUs by {Criterion}: {best.PrefillReplicas} prefill + {best.DecodeReplicas} decode replicas, {best.Score:G4} {unit}, {Versus(best.Score, Colocated.Score)}."
                    );
            var tied = TiedWithBest;
            if (tied.Count > 0)
            {
                text += string.Create(
                    CultureInfo.InvariantCulture,
                    $" {string.Join(", ", tied.Select(t => t.Layout))} {(tied.Count == 1 ? "is" : "are")} within the search's {Tolerance:P0} tolerance of it: the sweep does not separate them."
                );
            }

            return text;
        }
    }

    /// <summary>One row per layout: the split, the metrics that explain it, and the searched capacity when there is one.</summary>
    public DataFrame ToFrame()
    {
        var best = Best;
        var frame = new DataFrame(
            new StringDataFrameColumn("layout", Points.Select(p => p.Layout)),
            new Int32DataFrameColumn(ConfigurationColumns.PrefillReplicas.Name, Points.Select(p => p.PrefillReplicas)),
            new Int32DataFrameColumn(ConfigurationColumns.DecodeReplicas.Name, Points.Select(p => p.DecodeReplicas)),
            new Int32DataFrameColumn(ConfigurationColumns.NumGpus.Name, Points.Select(p => (int?)p.Gpus)),
            Column(MetricCatalogue.OfferedLoadRequestsPerSec, p => p.Metrics.OfferedLoadRequestsPerSec),
            Column(MetricCatalogue.GoodputPerGpu, p => p.Metrics.GoodputPerGpu),
            Column(MetricCatalogue.SloAttainment, p => p.Metrics.SloAttainment),
            Column(MetricCatalogue.P99Ttft, p => p.Metrics.P99Ttft),
            Column(MetricCatalogue.AvgTpot, p => p.Metrics.AvgTpot),
            Column(MetricCatalogue.P99Tbt, p => p.Metrics.P99Tbt),
            Column(MetricCatalogue.AvgKvTransferTime, p => p.Metrics.AvgKvTransferTime),
            Column(MetricCatalogue.PrefillUtilization, p => p.Metrics.PrefillUtilization),
            Column(MetricCatalogue.DecodeUtilization, p => p.Metrics.DecodeUtilization)
        );
        if (CapacityCriterion is not null)
        {
            frame.Columns.Add(new StringDataFrameColumn(ConfigurationColumns.CapacityCriterion.Name, Points.Select(_ => CapacityCriterion)));
            frame.Columns.Add(new DoubleDataFrameColumn("capacity_requests_per_sec", Points.Select(p => p.CapacityRequestsPerSec)));
            frame.Columns.Add(new DoubleDataFrameColumn("capacity_per_gpu", Points.Select(p => p.CapacityPerGpu)));
        }

        frame.Columns.Add(new BooleanDataFrameColumn("best", Points.Select(p => (bool?)ReferenceEquals(p, best))));
        return frame;
    }

    private DoubleDataFrameColumn Column(IMetric metric, Func<PdRatioPoint, double?> value) => new(metric.Name, Points.Select(value));
}
