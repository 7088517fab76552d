using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// Pareto charts across configurations: every successful run is a point (one colour per scheduler), the non-dominated
/// points (<see cref="ParetoFrontier"/>) are highlighted and joined by the frontier line. Hover text gives each point's
/// configuration.
/// </summary>
public static class ParetoChart
{
    /// <summary>Batch engine: throughput (x, larger is better) against p95 latency (y, smaller is better).</summary>
    public static GenericChart ThroughputVersusP95Latency(IReadOnlyList<ResultRow> rows) =>
        Draw(
            rows,
            MetricCatalogue.ThroughputRequestsPerSec,
            Goal.Maximize,
            MetricCatalogue.P95Latency,
            Goal.Minimize,
            "Pareto frontier: throughput vs p95 latency"
        );

    /// <summary>
    /// Continuous engine: p90 TTFT (x) against p99 TBT (y), both smaller is better. The p99 of the gap between
    /// consecutive tokens stands for p99 TPOT, which result rows do not hold (they hold the mean TPOT only).
    /// </summary>
    public static GenericChart TtftVersusTbt(IReadOnlyList<ResultRow> rows) =>
        Draw(rows, MetricCatalogue.P90Ttft, Goal.Minimize, MetricCatalogue.P99Tbt, Goal.Minimize, "Pareto frontier: p90 TTFT vs p99 TBT");

    /// <summary><see cref="Draw(IReadOnlyList{ResultRow}, IMetric, Goal, IMetric, Goal, string)"/> for a results DataFrame.</summary>
    public static GenericChart Draw(DataFrame frame, IMetric x, Goal xGoal, IMetric y, Goal yGoal, string title) =>
        Draw(ResultFrames.FromDataFrame(frame, "results DataFrame"), x, xGoal, y, yGoal, title);

    /// <summary>
    /// Every successful row with finite <paramref name="x"/> and <paramref name="y"/> as a point (one trace per scheduler),
    /// and the frontier (markers and line) in front of them.
    /// </summary>
    public static GenericChart Draw(IReadOnlyList<ResultRow> rows, IMetric x, Goal xGoal, IMetric y, Goal yGoal, string title)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var points = rows.Where(r => r.Succeeded)
            .Select(r => (Row: r, X: Value(r, x), Y: Value(r, y)))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .ToArray();
        // One frontier compares configurations of one workload: runs of different sizes (Step 1's N = 1K..1M, a grid's
        // sizes) are not on one frontier. Only the largest N is drawn, and the title says so.
        var sizes = points.Select(p => Size(p.Row)).OfType<long>().Distinct().Order().ToArray();
        if (sizes.Length > 1)
        {
            points = points.Where(p => Size(p.Row) == sizes[^1]).ToArray();
            title += string.Create(
                CultureInfo.InvariantCulture,
                $", N = {sizes[^1]:N0} only (the largest of {sizes.Length} workload sizes; smaller N left out)"
            );
        }
        else if (sizes.Length == 1)
        {
            title += string.Create(CultureInfo.InvariantCulture, $", N = {sizes[0]:N0}");
        }

        var traces = new List<GenericChart>();
        foreach (
            var group in points.GroupBy(p => p.Row.GetString(ConfigurationColumns.SchedulerType.Name) ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal)
        )
        {
            var trace = Plotly.NET.CSharp.Chart.Point<double, double, string>(
                x: group.Select(p => p.X).ToArray(),
                y: group.Select(p => p.Y).ToArray(),
                Name: group.Key
            );
            traces.Add(ChartStyle.WithHoverText(trace, group.Select(p => Hover(p.Row, x, p.X, y, p.Y)).ToArray()));
        }

        var frontier = ParetoFrontier.Indices(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), xGoal, yGoal);
        if (frontier.Length > 0)
        {
            var line = Plotly.NET.CSharp.Chart.Line<double, double, string>(
                x: frontier.Select(i => points[i].X).ToArray(),
                y: frontier.Select(i => points[i].Y).ToArray(),
                Name: "Pareto frontier",
                ShowMarkers: true
            );
            foreach (var trace in GenericChart.getTraces(line))
            {
                var marker = new DynamicObj.DynamicObj();
                marker.SetProperty("size", 12);
                marker.SetProperty("symbol", "diamond-open");
                marker.SetProperty("color", "black");
                trace.SetProperty("marker", marker);
                var lineStyle = new DynamicObj.DynamicObj();
                lineStyle.SetProperty("color", "black");
                lineStyle.SetProperty("dash", "dash");
                trace.SetProperty("line", lineStyle);
            }

            traces.Add(
                ChartStyle.WithHoverText(line, frontier.Select(i => "on the frontier<br>" + Hover(points[i].Row, x, points[i].X, y, points[i].Y)).ToArray())
            );
        }

        // D_SLA on an end-to-end latency axis (the rows' one deadline).
        var deadlines = points
            .Select(p => p.Row[ConfigurationColumns.DSla.Name])
            .OfType<object>()
            .Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture))
            .Distinct()
            .ToArray();
        if (points.Length > 0 && deadlines is [var dSla] && y.Unit == "s" && y.Name.EndsWith("_latency", StringComparison.Ordinal))
        {
            traces.Add(
                ChartStyle.ReferenceLine(string.Create(CultureInfo.InvariantCulture, $"D_SLA = {dSla:G} s"), dSla, points.Min(p => p.X), points.Max(p => p.X))
            );
        }

        var chart =
            traces.Count > 0 ? Plotly.NET.CSharp.Chart.Combine(traces) : Plotly.NET.CSharp.Chart.Point<double, double, string>(x: [], y: [], Name: "no data");
        chart = ChartStyle.WithAxes(chart, ChartStyle.Axis($"{x.AxisTitle}, {Better(xGoal)}"), ChartStyle.Axis($"{y.AxisTitle}, {Better(yGoal)}"));
        // Values spanning decades (p95 latency from 0.1 s to hours) on log axes, so the small ones do not lie flat.
        ChartStyle.ApplyValueAxis(chart, points.Select(p => p.X), fromZero: false, "xaxis");
        ChartStyle.ApplyValueAxis(chart, points.Select(p => p.Y), fromZero: false);
        return ChartStyle.Finish(chart, title, "scheduler (all runs) / frontier");
    }

    /// <summary>The configuration of a row for hover text: step, scheduler, GPUs, K, requests, load level (when present), seed, and the two values.</summary>
    public static string Configuration(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder();
        void Add(string label, object? value)
        {
            if (value is not null)
            {
                text.Append(text.Length > 0 ? "<br>" : "").Append(label).Append(": ").Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        Add(ConfigurationColumns.Step.Name, row[ConfigurationColumns.StepName.Name]);
        Add("scheduler", row[ConfigurationColumns.SchedulerType.Name]);
        Add("GPUs", row[ConfigurationColumns.NumGpus.Name]);
        Add("K", row[ConfigurationColumns.KBins.Name]);
        Add("requests", row[MetricCatalogue.NumRequests.Name] ?? row[ConfigurationColumns.NumRequestsRequested.Name]);
        Add("load level", ResultFacets.LoadLevel(row));
        Add("arrival-rate scaling", row[ConfigurationColumns.RpsScaling.Name]);
        Add(ConfigurationColumns.Seed.Name, row[ConfigurationColumns.Seed.Name]);
        return text.ToString();
    }

    private static string Hover(ResultRow row, IMetric x, double xValue, IMetric y, double yValue) =>
        Configuration(row) + string.Create(CultureInfo.InvariantCulture, $"<br>{x.AxisTitle}: {xValue:G4}<br>{y.AxisTitle}: {yValue:G4}");

    private static long? Size(ResultRow row) =>
        (row[MetricCatalogue.NumRequests.Name] ?? row[ConfigurationColumns.NumRequestsRequested.Name]) is { } v
            ? Convert.ToInt64(v, CultureInfo.InvariantCulture)
            : null;

    private static string Better(Goal goal) => goal == Goal.Maximize ? "higher is better" : "lower is better";

    private static double Value(ResultRow row, IMetric metric) => row[metric.Name] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : double.NaN;
}
