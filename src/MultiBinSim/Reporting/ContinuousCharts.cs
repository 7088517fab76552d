using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace MultiBinSim.Reporting;

/// <summary>
/// Tables and charts of continuous-engine runs for notebooks: a metric table across runs, per-request TTFT and TPOT
/// samples, their empirical CDFs, and one replica's KV-cache usage over time.
/// </summary>
public static class ContinuousCharts
{
    /// <summary>One row per run (its label), one column per metric (catalogue names; empty where a run leaves the metric empty).</summary>
    public static DataFrame Compare(IReadOnlyList<(string Label, RunMetrics Metrics)> runs, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metrics);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("run", runs.Select(r => r.Label)) };
        foreach (var metric in metrics)
        {
            columns.Add(
                new DoubleDataFrameColumn(
                    metric.Name,
                    runs.Select(r => metric.Read(r.Metrics) is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : (double?)null)
                )
            );
        }

        return new DataFrame(columns);
    }

    /// <summary>TTFT (first token - arrival, seconds) of every request that produced a first token.</summary>
    public static double[] TimeToFirstToken(Workload workload, ContinuousTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(timeline);
        var values = new List<double>(workload.Count);
        for (int i = 0; i < workload.Count; i++)
        {
            if (!double.IsNaN(timeline.FirstToken[i]))
            {
                values.Add(timeline.FirstToken[i] - workload.Arrivals[i]);
            }
        }

        return values.ToArray();
    }

    /// <summary>TPOT ((completion - first token) / (output tokens - 1), seconds) of every completed request with at least 2 output tokens.</summary>
    public static double[] TimePerOutputToken(Workload workload, ContinuousTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(timeline);
        var values = new List<double>(workload.Count);
        for (int i = 0; i < workload.Count; i++)
        {
            if (!double.IsNaN(timeline.FirstToken[i]) && !double.IsNaN(timeline.Completion[i]) && workload.OutputTokens[i] >= 2)
            {
                values.Add((timeline.Completion[i] - timeline.FirstToken[i]) / (workload.OutputTokens[i] - 1));
            }
        }

        return values.ToArray();
    }

    /// <summary>Empirical CDFs of <paramref name="series"/> (one line each, at most 400 points), x on a log axis with the metric's unit.</summary>
    public static GenericChart Cdf(IReadOnlyList<(string Label, double[] Values)> series, IMetric metric, string title)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(metric);
        // The same points as CdfChart (at most 400 evenly spaced ranks); a method whose CDF equals an earlier one's says so.
        var points = series.Select(s => CdfChart.Points(s.Values)).ToArray();
        var twins = ChartStyle.IdenticalTo(points.Select(p => ((IReadOnlyList<double>)p.X, (IReadOnlyList<double>)p.Fraction)).ToArray());
        var traces = series
            .Select(
                (s, i) =>
                {
                    var line = Chart.Line<double, double, string>(
                        x: points[i].X,
                        y: points[i].Fraction,
                        Name: twins[i] >= 0 ? $"{s.Label} (identical to {series[twins[i]].Label})" : s.Label
                    );
                    foreach (var trace in GenericChart.getTraces(line))
                    {
                        ChartStyle.Stacked(trace, i); // vllm and orca nearly coincide: each later line narrower, both visible
                        if (twins[i] >= 0)
                        {
                            ChartStyle.Twin(trace);
                        }
                    }

                    return line;
                }
            )
            .ToArray();
        var chart = Chart
            .Combine(traces.Length > 0 ? traces : [Chart.Line<double, double, string>(x: [], y: [], Name: "no data")])
            .WithXAxisStyle<double, double, string>(TitleText: $"{metric.AxisTitle}, log scale", AxisType: StyleParam.AxisType.Log)
            .WithYAxisStyle<double, double, string>(TitleText: "fraction of requests at or below")
            .Sized("method");
        return Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
    }

    /// <summary>The recorded replica's KV blocks in use over time, as a fraction of its blocks.</summary>
    public static GenericChart KvUsage(ContinuousTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var samples = timeline.KvSeries;
        var chart = Chart
            .Line<double, double, string>(
                x: samples.Select(s => s.Time),
                y: samples.Select(s => s.TotalBlocks > 0 ? (double)s.UsedBlocks / s.TotalBlocks : 0.0),
                Name: $"replica {timeline.KvSeriesReplica}"
            )
            .WithXAxisStyle<double, double, string>(TitleText: "simulated time (s)")
            .WithYAxisStyle<double, double, string>(TitleText: "KV blocks in use (fraction of the replica's blocks)")
            .Sized("replica");
        return Plotly.NET.Chart.withTitle($"KV-cache usage over time, replica {timeline.KvSeriesReplica}", FSharpOption<Font>.None).Invoke(chart);
    }
}
