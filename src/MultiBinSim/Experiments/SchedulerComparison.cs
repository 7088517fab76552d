using Microsoft.Data.Analysis;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>Runs every scheduler once on the same workload and tabulates the headline metrics (the quickstart's comparison).</summary>
public static class SchedulerComparison
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        MetricCatalogue.SlaViolationRate.Name,
        MetricCatalogue.CapacityQpsUnderSla.Name,
        MetricCatalogue.ThroughputRequestsPerSec.Name,
        MetricCatalogue.AvgLatency.Name,
        MetricCatalogue.P95Latency.Name,
        MetricCatalogue.AvgGpuUtilization.Name,
        MetricCatalogue.NumBatches.Name,
        MetricCatalogue.AvgBatchSize.Name,
    ];

    /// <summary>One row per scheduler: the metrics of <see cref="Columns"/> (deterministic; no timings).</summary>
    public static DataFrame Run(Workload workload, int gpus = 1, int k = 4, SimulationConfig? baseConfig = null)
    {
        var config = baseConfig ?? new SimulationConfig();
        return RunVariants(workload, gpus, Schedulers.All.Select(kind => (kind.Name, config.Scheduler with { Scheduler = kind, K = k })).ToArray(), config);
    }

    /// <summary>One row per labelled scheduler configuration (e.g. algorithm variants of one scheduler) on the same workload.</summary>
    public static DataFrame RunVariants(
        Workload workload,
        int gpus,
        IReadOnlyList<(string Label, SchedulerOptions Options)> variants,
        SimulationConfig? baseConfig = null
    )
    {
        var config = baseConfig ?? new SimulationConfig();
        var rows = variants
            .AsParallel()
            .AsOrdered()
            .Select(v =>
            {
                var metrics = SimulationEngines.Run(workload, config with { Gpus = gpus, Scheduler = v.Options }, recordTimeline: false).Metrics;
                return (
                    Name: v.Label,
                    Values: MetricColumns
                        .Values(metrics)
                        .ToDictionary(m => m.Name, m => Convert.ToDouble(m.Value, System.Globalization.CultureInfo.InvariantCulture))
                );
            })
            .ToArray();
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("scheduler", rows.Select(r => r.Name)) };
        columns.AddRange(Columns.Select(c => new DoubleDataFrameColumn(c, rows.Select(r => r.Values[c]))));
        return new DataFrame(columns);
    }

    /// <summary>The algorithm variants of <c>multi_bin_dynamic</c>: the original simulator's, and the papers' as written.</summary>
    public static IReadOnlyList<(string Label, SchedulerOptions Options)> AlgorithmVariants(int k = 4)
    {
        var heuristic = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = k };
        return
        [
            ("heuristic (original simulator)", heuristic),
            ("paper SLA (Algorithm 2)", heuristic with { SlaAlgorithm = SlaAlgorithm.Paper }),
            ("heuristic SLA on request latency", heuristic with { SlaSignal = SlaSignal.RequestLatency }),
            ("paper SLA on request latency", heuristic with { SlaAlgorithm = SlaAlgorithm.Paper, SlaSignal = SlaSignal.RequestLatency }),
            ("paper memory + paper SLA", heuristic with { MemoryAlgorithm = MemoryAlgorithm.Paper, SlaAlgorithm = SlaAlgorithm.Paper }),
        ];
    }
}
