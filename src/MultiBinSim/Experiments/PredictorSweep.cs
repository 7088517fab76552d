using Microsoft.Data.Analysis;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>One output-length predictor of the sweep.</summary>
public sealed record PredictorVariant(string Label, string Predictor, double Sigma = 0)
{
    public static IReadOnlyList<PredictorVariant> Defaults { get; } =
    [
        new("oracle", "oracle"),
        new("noisy-oracle sigma=0.1", "noisy-oracle", 0.1),
        new("noisy-oracle sigma=0.25", "noisy-oracle", 0.25),
        new("noisy-oracle sigma=0.5", "noisy-oracle", 0.5),
        new("noisy-oracle sigma=1", "noisy-oracle", 1.0),
        new("prompt-power-law", "prompt-power-law"),
    ];
}

/// <summary>
/// How much of multi-bin batching's gain survives imperfect length predictions: for each predictor (the oracle,
/// log-normal noise of growing sigma around the truth, and the original simulator's prompt power law) and each K, the
/// same trace and cluster are simulated at one arrival rate. Columns: the absolute <c>capacity_qps_under_sla</c> (requests
/// meeting the SLA per second at that rate, i.e. goodput), <c>gain_vs_one_bin</c> (relative to the same predictor's
/// K = 1 run) and <c>gain_vs_common_baseline</c> (relative to one common baseline, the first predictor's K = 1 run, in
/// <c>baseline_capacity_qps_under_sla</c>). One bin takes every request, so a K = 1 run never reads a prediction and is
/// the same run for every predictor: the two gains agree, and a larger gain means a larger absolute capacity. With a
/// capacity criterion, each point also gets a capacity search: <c>capacity_requests_per_sec</c> (the highest arrival rate
/// meeting it) and <c>capacity_gain_vs_common_baseline</c>.
/// </summary>
public static class PredictorSweep
{
    public static IReadOnlyList<int> DefaultKs { get; } = [1, 2, 4, 8, 16, 32];

    /// <summary>Requests of the trace a sweep replays by default.</summary>
    public const int DefaultRequests = 100_000;

    /// <summary>GPUs by default.</summary>
    public const int DefaultGpus = 8;

    /// <summary>The binned scheduler swept by default.</summary>
    public static Scheduling.SchedulerKind DefaultScheduler => Scheduling.MultiBinDynamicPolicy.Kind;

    public static DataFrame Run(
        Trace trace,
        int requests = DefaultRequests,
        int gpus = DefaultGpus,
        SchedulerKind? scheduler = null,
        double rpsScaling = WorkloadOptions.DefaultRpsScaling,
        int seed = 42,
        IReadOnlyList<PredictorVariant>? variants = null,
        IReadOnlyList<int>? ks = null,
        SimulationConfig? baseConfig = null,
        CapacityCriterion? capacity = null,
        double tolerance = CapacitySearch.DefaultTolerance
    )
    {
        scheduler ??= SchedulerKind.MultiBinDynamic;
        if (!scheduler.IsBinned)
        {
            throw new Errors.ConfigurationException(nameof(SchedulerOptions.Scheduler), $"a predictor sweep needs a binned scheduler (got {scheduler.Name})");
        }

        variants ??= PredictorVariant.Defaults;
        ks ??= DefaultKs;
        var config = baseConfig ?? new SimulationConfig();
        if (Simulation.SimulationEngines.Get(config.Engine).PredictionsUnused(config) is { } unused)
        {
            // Every point of the sweep would be the same run.
            throw new Errors.ConfigurationException(unused.Property, unused.Message);
        }

        var runs = variants
            .AsParallel()
            .AsOrdered()
            .SelectMany(v =>
            {
                var options = new WorkloadOptions
                {
                    Requests = requests,
                    RpsScaling = rpsScaling,
                    Predictor = v.Predictor,
                    PredictorSigma = v.Sigma,
                    Seed = seed,
                };
                var workload = WorkloadBuilder.Build(trace, options);
                var unscaled = capacity is null ? null : WorkloadBuilder.Build(trace, options with { RpsScaling = 1.0 });
                return ks.Select(k =>
                    {
                        var run = config with { Gpus = gpus, Scheduler = config.Scheduler with { Scheduler = scheduler, K = k } };
                        double? searched = unscaled is null ? null : CapacitySearch.Find(unscaled, run, capacity!, tolerance).RateRequestsPerSec;
                        return (Variant: v, K: k, Metrics: SimulationEngines.Run(workload, run, recordTimeline: false).Metrics, Searched: searched);
                    })
                    .ToArray();
            })
            .ToArray();

        var baseline = runs.Where(r => r.K == ks.Min()).ToDictionary(r => r.Variant.Label, r => r.Metrics.CapacityQpsUnderSla);
        var common = runs.First(r => r.K == ks.Min());
        double? Ratio(double value, double? reference) => reference is > 0 ? value / reference.Value : null;
        var frame = new DataFrame(
            new StringDataFrameColumn(ConfigurationColumns.Predictor.Name, runs.Select(r => r.Variant.Label)),
            new Int32DataFrameColumn(ConfigurationColumns.KBins.Name, runs.Select(r => r.K)),
            new DoubleDataFrameColumn(MetricCatalogue.CapacityQpsUnderSla.Name, runs.Select(r => r.Metrics.CapacityQpsUnderSla)),
            new DoubleDataFrameColumn(MetricCatalogue.SlaViolationRate.Name, runs.Select(r => r.Metrics.SlaViolationRate)),
            new DoubleDataFrameColumn(MetricCatalogue.P95Latency.Name, runs.Select(r => r.Metrics.P95Latency)),
            new DoubleDataFrameColumn(MetricCatalogue.AvgBatchSize.Name, runs.Select(r => r.Metrics.AvgBatchSize)),
            new DoubleDataFrameColumn(
                DerivedMetric.GainVersusOneBin.Name,
                runs.Select(r => baseline[r.Variant.Label] > 0 ? r.Metrics.CapacityQpsUnderSla / baseline[r.Variant.Label] : (double?)null)
            ),
            new DoubleDataFrameColumn("baseline_capacity_qps_under_sla", runs.Select(_ => common.Metrics.CapacityQpsUnderSla)),
            new DoubleDataFrameColumn(
                DerivedMetric.GainVersusCommonBaseline.Name,
                runs.Select(r => Ratio(r.Metrics.CapacityQpsUnderSla, common.Metrics.CapacityQpsUnderSla))
            )
        );
        if (capacity is not null)
        {
            frame.Columns.Add(new DoubleDataFrameColumn(DerivedMetric.SearchedCapacity.Name, runs.Select(r => r.Searched)));
            frame.Columns.Add(new DoubleDataFrameColumn(DerivedMetric.SearchedCapacityGain.Name, runs.Select(r => Ratio(r.Searched!.Value, common.Searched))));
        }

        return frame;
    }
}
