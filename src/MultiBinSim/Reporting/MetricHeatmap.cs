using System.Globalization;
using Microsoft.Data.Analysis;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// Heatmaps of a metric (by default the SLA violation rate) over GPUs (x, categories in numeric order) x K (y), one
/// chart per facet (load level). All panels of one call share the colour range, so colours compare across levels.
/// Empty cells (no successful run) stay blank, never 0.
/// </summary>
public static class MetricHeatmap
{
    /// <summary>
    /// One chart per facet of <paramref name="rows"/>, with the file name it is saved under
    /// (<c>heatmap_METRIC.html</c>, or <c>heatmap_METRIC_FACET.html</c> when rows have facets).
    /// </summary>
    /// <param name="rows">Result rows (for example a grid step's); failed rows are left out.</param>
    /// <param name="metric">The metric coloured; <see cref="MetricCatalogue.SlaViolationRate"/> when null.</param>
    /// <param name="facet">The facet of a row; when null the load level (rows without one give one chart), plus the
    /// workload size when the rows hold several (<see cref="ResultFacets.DefaultFor"/>).</param>
    public static IReadOnlyList<(string FileName, GenericChart Chart)> Charts(IReadOnlyList<ResultRow> rows, IMetric? metric = null, Func<ResultRow, string?>? facet = null)
    {
        metric ??= MetricCatalogue.SlaViolationRate;
        var grids = HeatmapGrid.Build(rows, metric, facet);
        var all = grids.SelectMany(g => g.Values.SelectMany(r => r)).OfType<double>().ToArray();
        double? min = all.Length > 0 ? all.Min() : null;
        double? max = all.Length > 0 ? all.Max() : null;
        return grids.Select(g => (FileName(metric, g.Facet), Draw(g, metric, min, max))).ToArray();
    }

    /// <summary><see cref="Charts(IReadOnlyList{ResultRow}, IMetric?, Func{ResultRow, string?}?)"/> for a results DataFrame (<see cref="ResultStore.Load"/>).</summary>
    public static IReadOnlyList<(string FileName, GenericChart Chart)> Charts(DataFrame frame, IMetric? metric = null, Func<ResultRow, string?>? facet = null) =>
        Charts(ResultFrames.FromDataFrame(frame, "results DataFrame"), metric, facet);

    /// <summary>The heatmap of one grid; <paramref name="zMin"/>/<paramref name="zMax"/> fix the colour range (shared across panels).</summary>
    public static GenericChart Draw(HeatmapGrid grid, IMetric metric, double? zMin = null, double? zMax = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(metric);
        var x = grid.Gpus.Select(g => g.ToString(CultureInfo.InvariantCulture)).ToArray();
        var y = grid.K.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(zData: grid.Values.Select(r => r.Select(v => v ?? double.NaN)), X: x, Y: y, Name: metric.Title);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("z", grid.Values); // empty cells as null (JSON has no NaN): Plotly leaves them blank

            var colorBar = new DynamicObj.DynamicObj();
            var colorBarTitle = new DynamicObj.DynamicObj();
            colorBarTitle.SetProperty("text", metric.AxisTitle);
            colorBar.SetProperty("title", colorBarTitle);
            trace.SetProperty("colorbar", colorBar);
            trace.SetProperty("colorscale", "Viridis");
            trace.SetProperty("hoverongaps", false);
            trace.SetProperty("text", grid.Hover);
            trace.SetProperty("hovertemplate", "%{text}<extra></extra>");
            if (zMin is { } low && zMax is { } high)
            {
                trace.SetProperty("zmin", low);
                trace.SetProperty("zmax", high > low ? high : low + 1e-9);
            }
        }

        chart = ChartStyle.WithAxes(chart, ChartStyle.Axis("GPUs", "category", x), ChartStyle.Axis("bins K", "category", y));
        string title = grid.Facet is null ? $"{Capitalize(metric.Title)} over GPUs x K" : $"{Capitalize(metric.Title)} over GPUs x K, load level {grid.Facet}";
        return ChartStyle.Finish(chart, title, legendTitle: null);
    }

    private static string FileName(IMetric metric, string? facet) =>
        facet is null ? $"heatmap_{metric.Name}.html" : $"heatmap_{metric.Name}_{Sanitize(facet)}.html";

    private static string Sanitize(string facet) =>
        new(facet.Replace(", ", "_").Replace("=", "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
