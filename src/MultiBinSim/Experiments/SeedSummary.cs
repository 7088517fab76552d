using Microsoft.Data.Analysis;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// Per-configuration statistics over seeds: for every (step, scheduler, N, GPUs, K) of a results table, the number of
/// seeds and, per metric, the mean, the standard deviation and the 95 % Student-t confidence interval.
/// </summary>
public static class SeedSummary
{
    public static IReadOnlyList<string> DefaultMetrics { get; } =
    [
        MetricCatalogue.SlaViolationRate.Name,
        MetricCatalogue.CapacityQpsUnderSla.Name,
        MetricCatalogue.ThroughputRequestsPerSec.Name,
        MetricCatalogue.AvgLatency.Name,
        MetricCatalogue.P95Latency.Name,
        MetricCatalogue.AvgGpuUtilization.Name,
    ];

    public static DataFrame Summarize(IReadOnlyList<ResultRow> rows, IReadOnlyList<string>? metrics = null, double level = 0.95)
    {
        metrics ??= DefaultMetrics;
        var groups = rows.Where(r => r.Succeeded)
            .GroupBy(r =>
                (
                    Step: r.Step,
                    Scheduler: r.GetString(ConfigurationColumns.SchedulerType.Name) ?? "",
                    N: r.Get<int>(MetricCatalogue.NumRequests.Name) ?? 0,
                    G: r.Get<int>(ConfigurationColumns.NumGpus.Name) ?? 0,
                    K: r.Get<int>(ConfigurationColumns.KBins.Name) ?? 0
                )
            )
            .OrderBy(g => g.Key.Step)
            .ThenBy(g => g.Key.Scheduler, StringComparer.Ordinal)
            .ThenBy(g => g.Key.N)
            .ThenBy(g => g.Key.G)
            .ThenBy(g => g.Key.K)
            .ToArray();
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn(ConfigurationColumns.Step.Name, groups.Select(g => g.Key.Step)),
            new StringDataFrameColumn(ConfigurationColumns.SchedulerType.Name, groups.Select(g => g.Key.Scheduler)),
            new Int32DataFrameColumn(MetricCatalogue.NumRequests.Name, groups.Select(g => g.Key.N)),
            new Int32DataFrameColumn(ConfigurationColumns.NumGpus.Name, groups.Select(g => g.Key.G)),
            new Int32DataFrameColumn(ConfigurationColumns.KBins.Name, groups.Select(g => g.Key.K)),
            new Int32DataFrameColumn("seeds", groups.Select(g => g.Count())),
        };
        foreach (string metric in metrics)
        {
            var intervals = groups
                .Select(g =>
                    ConfidenceInterval.Of(g.Select(r => Convert.ToDouble(r[metric], System.Globalization.CultureInfo.InvariantCulture)).ToArray(), level)
                )
                .ToArray();
            columns.Add(new DoubleDataFrameColumn($"{metric}_mean", intervals.Select(i => i.Mean)));
            columns.Add(new DoubleDataFrameColumn($"{metric}_sd", intervals.Select(i => NullIfNaN(i.StandardDeviation))));
            columns.Add(new DoubleDataFrameColumn($"{metric}_ci_low", intervals.Select(i => NullIfNaN(i.Lower))));
            columns.Add(new DoubleDataFrameColumn($"{metric}_ci_high", intervals.Select(i => NullIfNaN(i.Upper))));
        }

        return new DataFrame(columns);
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
