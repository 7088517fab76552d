using Microsoft.Data.Analysis;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// The series the suite's charts draw (and analysis.json records), extracted from a results DataFrame
/// (<see cref="Storage.ResultStore.Load"/> or a step view). Only successful rows count.
/// </summary>
public static class SuiteSeries
{
    public static IReadOnlyList<IMetric> RequestScalingMetrics { get; } = [MetricCatalogue.CapacityQpsUnderSla, MetricCatalogue.SlaViolationRate];

    public static IReadOnlyList<IMetric> GpuScalingMetrics { get; } =
    [
        MetricCatalogue.CapacityQpsUnderSla,
        MetricCatalogue.SlaViolationRate,
        MetricCatalogue.AvgLatency,
        MetricCatalogue.AvgGpuUtilization,
        DerivedMetric.ScalingEfficiency,
    ];

    public static IReadOnlyList<IMetric> KSensitivityMetrics { get; } =
    [MetricCatalogue.SlaViolationRate, MetricCatalogue.CapacityQpsUnderSla, MetricCatalogue.P95Latency];

    /// <summary>What the continuous engine adds to Steps 2 and 3 (null, and left out of analysis.json and the charts, for batch-engine rows).</summary>
    public static IReadOnlyList<IMetric> ContinuousMetrics { get; } =
    [MetricCatalogue.P90Ttft, MetricCatalogue.P99Tbt, MetricCatalogue.AvgTpot, MetricCatalogue.SloAttainment];

    /// <summary>Whether any successful row of <paramref name="frame"/> has a continuous-engine metric.</summary>
    public static bool HasContinuousMetrics(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Columns.IndexOf(MetricCatalogue.P90Ttft.Name) >= 0 && frame[MetricCatalogue.P90Ttft.Name].NullCount < frame.Rows.Count;
    }

    /// <summary>Step 1: one series per scheduler and GPU count, x = requests.</summary>
    public static IReadOnlyList<Series> RequestScaling(DataFrame frame) =>
        Build(frame, 1, MetricCatalogue.NumRequests.Name, r => $"{r.Scheduler} G={r.Gpus}", RequestScalingMetrics.Select(m => m.Name).ToArray());

    /// <summary>Step 2: one series per scheduler and K, x = GPUs; adds scaling efficiency vs the 1-GPU run.</summary>
    public static IReadOnlyList<Series> GpuScaling(DataFrame frame)
    {
        var series = Build(
            frame,
            2,
            ConfigurationColumns.NumGpus.Name,
            r => $"{r.Scheduler} K={r.K}",
            GpuScalingMetrics.Take(4).Concat(ContinuousMetrics).Select(m => m.Name).ToArray()
        );
        return series
            .Select(s =>
            {
                var capacity = s.Y[MetricCatalogue.CapacityQpsUnderSla.Name];
                int one = s.X.ToList().IndexOf(1);
                double? baseline = one >= 0 ? capacity[one] : null;
                var efficiency = s.X.Select((g, i) => baseline is > 0 && capacity[i] is { } c ? c / (g * baseline.Value) : (double?)null).ToArray();
                var y = new Dictionary<string, IReadOnlyList<double?>>(s.Y) { [DerivedMetric.ScalingEfficiency.Name] = efficiency };
                var error = new Dictionary<string, IReadOnlyList<double?>>(s.YError)
                {
                    [DerivedMetric.ScalingEfficiency.Name] = efficiency.Select(_ => (double?)null).ToArray(),
                };
                return s with { Y = y, YError = error };
            })
            .ToArray();
    }

    /// <summary>Step 3: one series per scheduler and GPU count, x = K.</summary>
    public static IReadOnlyList<Series> KSensitivity(DataFrame frame) =>
        Build(
            frame,
            3,
            ConfigurationColumns.KBins.Name,
            r => $"{r.Scheduler} G={r.Gpus}",
            KSensitivityMetrics.Concat(ContinuousMetrics).Select(m => m.Name).ToArray()
        );

    /// <summary>Capacity search rows: one series per scheduler and K, x = GPUs, y = the sustained rate (req/s).</summary>
    public static IReadOnlyList<Series> Capacity(DataFrame frame) =>
        Build(
            frame,
            SuiteStep.CapacitySearch,
            ConfigurationColumns.NumGpus.Name,
            r => r.K > 1 ? $"{r.Scheduler} K={r.K}" : r.Scheduler,
            [MetricCatalogue.OfferedLoadRequestsPerSec.Name, ConfigurationColumns.RpsScaling.Name, MetricCatalogue.SlaViolationRate.Name]
        );

    /// <summary>Every successful run as a point: (avg latency, throughput), labelled by step.</summary>
    public static IReadOnlyList<Series> ThroughputVersusLatency(DataFrame frame)
    {
        var rows = Rows(frame).Where(r => r.Succeeded).ToArray();
        return rows.GroupBy(r => r.StepName)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Series(
                g.Key,
                g.Select(r => r.Value(MetricCatalogue.AvgLatency.Name) ?? double.NaN).ToArray(),
                new Dictionary<string, IReadOnlyList<double?>>
                {
                    [MetricCatalogue.ThroughputRequestsPerSec.Name] = g.Select(r => r.Value(MetricCatalogue.ThroughputRequestsPerSec.Name)).ToArray(),
                }
            ))
            .ToArray();
    }

    private static IReadOnlyList<Series> Build(DataFrame frame, int step, string xColumn, Func<RowView, string> label, IReadOnlyList<string> metrics)
    {
        var rows = Rows(frame).Where(r => r.Step == step && r.Succeeded).ToArray();
        return rows.GroupBy(label)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                // One point per x; several runs at one x (one per seed) give their mean and a 95 % t-interval.
                var points = g.GroupBy(r => r.Value(xColumn) ?? double.NaN).OrderBy(p => p.Key).ToArray();
                var intervals = metrics.ToDictionary(
                    m => m,
                    m =>
                        points
                            .Select(p =>
                            {
                                var values = p.Select(r => r.Value(m)).OfType<double>().ToArray();
                                return values.Length > 0 ? Metrics.ConfidenceInterval.Of(values) : (Metrics.ConfidenceInterval?)null;
                            })
                            .ToArray()
                );
                var y = metrics.ToDictionary(m => m, m => (IReadOnlyList<double?>)intervals[m].Select(i => i?.Mean).ToArray());
                var error = metrics.ToDictionary(
                    m => m,
                    m => (IReadOnlyList<double?>)intervals[m].Select(i => i is { HalfWidth: var h } && !double.IsNaN(h) ? h : (double?)null).ToArray()
                );
                return new Series(g.Key, points.Select(p => p.Key).ToArray(), y) { YError = error };
            })
            .ToArray();
    }

    private static IEnumerable<RowView> Rows(DataFrame frame)
    {
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            yield return new RowView(frame, i);
        }
    }

    private readonly record struct RowView(DataFrame Frame, long Index)
    {
        public int Step => Convert.ToInt32(Frame.Columns[ConfigurationColumns.Step.Name][Index]);

        public string StepName => (string)Frame.Columns[ConfigurationColumns.StepName.Name][Index];

        public bool Succeeded => (string)Frame.Columns[ConfigurationColumns.Status.Name][Index] == Storage.ResultRow.Success;

        public string Scheduler => (string)Frame.Columns[ConfigurationColumns.SchedulerType.Name][Index];

        public int Gpus => Convert.ToInt32(Frame.Columns[ConfigurationColumns.NumGpus.Name][Index]);

        public int K => Convert.ToInt32(Frame.Columns[ConfigurationColumns.KBins.Name][Index]);

        public double? Value(string column) =>
            Frame.Columns[column][Index] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
