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
        "sla_violation_rate", "capacity_qps_under_sla", "throughput_requests_per_sec", "avg_latency", "p95_latency",
        "avg_gpu_utilization", "num_batches", "avg_batch_size",
    ];

    /// <summary>One row per scheduler: the metrics of <see cref="Columns"/> (deterministic; no timings).</summary>
    public static DataFrame Run(Workload workload, int gpus = 1, int k = 4, SimulationConfig? baseConfig = null)
    {
        var config = baseConfig ?? new SimulationConfig();
        var rows = Enum.GetValues<SchedulerKind>().Select(kind =>
        {
            var metrics = Simulator.Run(workload, config with { Gpus = gpus, Scheduler = config.Scheduler with { Scheduler = kind, K = k } }, recordTimeline: false).Metrics;
            return (Name: kind.ToName(), Values: MetricColumns.Values(metrics).ToDictionary(v => v.Name, v => Convert.ToDouble(v.Value, System.Globalization.CultureInfo.InvariantCulture)));
        }).ToArray();
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("scheduler", rows.Select(r => r.Name)) };
        columns.AddRange(Columns.Select(c => new DoubleDataFrameColumn(c, rows.Select(r => r.Values[c]))));
        return new DataFrame(columns);
    }
}
