using System.Globalization;
using MultiBinSim.Metrics;
using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// Empirical CDFs of a per-request quantity (batch-engine latency from <see cref="RequestLatencies"/>, continuous-engine
/// TTFT and TPOT from <see cref="ContinuousCharts"/>) for several compared methods on one chart, sized to its container,
/// with the metric's unit on the x axis, a legend titled "method" and the method and value in the hover text.
/// </summary>
public static class CdfChart
{
    /// <summary>The most points drawn per line (evenly spaced ranks, first and last included).</summary>
    public const int MaxPoints = 400;

    /// <summary>
    /// The CDF points of <paramref name="values"/> (finite ones): at most <see cref="MaxPoints"/> (x, fraction at or below x) pairs, x ascending.
    /// </summary>
    public static (double[] X, double[] Fraction) Points(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        int points = Math.Min(MaxPoints, sorted.Length);
        var x = new double[points];
        var y = new double[points];
        for (int p = 0; p < points; p++)
        {
            int index = points == 1 ? sorted.Length - 1 : (int)((long)p * (sorted.Length - 1) / (points - 1));
            x[p] = sorted[index];
            y[p] = (index + 1) / (double)sorted.Length;
        }

        return (x, y);
    }

    /// <summary>One CDF line per method; x on a log axis when <paramref name="logX"/> (the default: latencies span decades).</summary>
    /// <param name="series">The methods compared: a label and the per-request samples (seconds for time metrics).</param>
    /// <param name="metric">What the samples are (axis title and unit), e.g. <see cref="MetricCatalogue.AvgLatency"/>-like per-request latency.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="logX">Whether the x axis is logarithmic.</param>
    public static GenericChart Draw(IReadOnlyList<(string Label, double[] Values)> series, IMetric metric, string title, bool logX = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(metric);
        var traces = new List<GenericChart>();
        var points = series.Select(s => Points(s.Values)).ToArray();
        var twins = ChartStyle.IdenticalTo(points.Select(p => ((IReadOnlyList<double>)p.X, (IReadOnlyList<double>)p.Fraction)).ToArray());
        for (int s = 0; s < series.Count; s++)
        {
            var (label, _) = series[s];
            var (x, y) = points[s];
            string name = twins[s] >= 0 ? $"{label} (identical to {series[twins[s]].Label})" : label;
            var line = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: x, y: y, Name: name);
            foreach (var trace in GenericChart.getTraces(line))
            {
                ChartStyle.Stacked(trace, s); // methods that behave alike overlap: each later line narrower
                if (twins[s] >= 0)
                {
                    ChartStyle.Twin(trace);
                }
            }

            var hover = x.Select(
                    (v, i) => string.Create(CultureInfo.InvariantCulture, $"method: {label}<br>{metric.AxisTitle}: {v:G4}<br>fraction at or below: {y[i]:P1}")
                )
                .ToArray();
            traces.Add(ChartStyle.WithHoverText(line, hover));
        }

        var chart =
            traces.Count > 0 ? Plotly.NET.CSharp.Chart.Combine(traces) : Plotly.NET.CSharp.Chart.Line<double, double, string>(x: [], y: [], Name: "no data");
        chart = ChartStyle.WithAxes(
            chart,
            ChartStyle.Axis(logX ? $"{metric.AxisTitle}, log scale" : metric.AxisTitle, logX ? "log" : null),
            ChartStyle.Axis("fraction of requests at or below (fraction)")
        );
        return ChartStyle.Finish(chart, title, "method");
    }

    /// <summary>Per-request end-to-end latency of the batch engine (the quantity whose mean is <c>avg_latency</c>).</summary>
    public static IMetric RequestLatency { get; } =
        new DerivedMetric("request_latency", "request latency (completion - arrival)", "s", "End-to-end latency of one served request.");

    /// <summary>Per-request time to first token (continuous engine).</summary>
    public static IMetric RequestTtft { get; } = new DerivedMetric("request_ttft", "TTFT (first token - arrival)", "s", "Time to first token of one request.");

    /// <summary>
    /// Per-request time per output token, the mean gap between its consecutive tokens (continuous engine); the
    /// timeline records first-token and completion times, not every token, so this is the per-request TBT.
    /// </summary>
    public static IMetric RequestTpot { get; } =
        new DerivedMetric("request_tpot", "TPOT (mean TBT of a request)", "s", "(completion - first token) / (output tokens - 1) of one request.");
}
