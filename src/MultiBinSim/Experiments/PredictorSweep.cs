using MultiBinSim.Metrics;
using Microsoft.Data.Analysis;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
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
/// same trace and cluster are simulated, and the gain is capacity under SLA relative to K = 1 (where predictions do not
/// matter, since one bin takes every request).
/// </summary>
public static class PredictorSweep
{
    public static IReadOnlyList<int> DefaultKs { get; } = [1, 2, 4, 8, 16, 32];

    public static DataFrame Run(Trace trace, int requests = 100_000, int gpus = 8, SchedulerKind? scheduler = null,
        double rpsScaling = WorkloadOptions.DefaultRpsScaling, int seed = 42, IReadOnlyList<PredictorVariant>? variants = null, IReadOnlyList<int>? ks = null,
        SimulationConfig? baseConfig = null)
    {
        scheduler ??= SchedulerKind.MultiBinDynamic;
        if (!scheduler.IsBinned)
        {
            throw new Errors.ConfigurationException(nameof(SchedulerOptions.Scheduler), $"a predictor sweep needs a binned scheduler (got {scheduler.Name})");
        }

        variants ??= PredictorVariant.Defaults;
        ks ??= DefaultKs;
        var config = baseConfig ?? new SimulationConfig();
        var runs = variants.AsParallel().AsOrdered().SelectMany(v =>
        {
            var workload = WorkloadBuilder.Build(trace, new WorkloadOptions { Requests = requests, RpsScaling = rpsScaling, Predictor = v.Predictor, PredictorSigma = v.Sigma, Seed = seed });
            return ks.Select(k => (Variant: v, K: k, Metrics: SimulationEngines.Run(workload, config with
            {
                Gpus = gpus,
                Scheduler = config.Scheduler with { Scheduler = scheduler, K = k },
            }, recordTimeline: false).Metrics));
        }).ToArray();

        var baseline = runs.Where(r => r.K == ks.Min()).ToDictionary(r => r.Variant.Label, r => r.Metrics.CapacityQpsUnderSla);
        return new DataFrame(
            new StringDataFrameColumn("predictor", runs.Select(r => r.Variant.Label)),
            new Int32DataFrameColumn("k_bins", runs.Select(r => r.K)),
            new DoubleDataFrameColumn(MetricCatalogue.CapacityQpsUnderSla.Name, runs.Select(r => r.Metrics.CapacityQpsUnderSla)),
            new DoubleDataFrameColumn(MetricCatalogue.SlaViolationRate.Name, runs.Select(r => r.Metrics.SlaViolationRate)),
            new DoubleDataFrameColumn(MetricCatalogue.P95Latency.Name, runs.Select(r => r.Metrics.P95Latency)),
            new DoubleDataFrameColumn(MetricCatalogue.AvgBatchSize.Name, runs.Select(r => r.Metrics.AvgBatchSize)),
            new DoubleDataFrameColumn(DerivedMetric.GainVersusOneBin.Name, runs.Select(r => baseline[r.Variant.Label] > 0 ? r.Metrics.CapacityQpsUnderSla / baseline[r.Variant.Label] : (double?)null)));
    }
}
