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
    public static IReadOnlyList<(string FileName, GenericChart Chart)> Charts(
        IReadOnlyList<ResultRow> rows,
        IMetric? metric = null,
        Func<ResultRow, string?>? facet = null
    ) => ChartsWithFindings(rows, metric, facet).Select(c => (c.FileName, c.Chart)).ToArray();

    /// <summary>
    /// <see cref="Charts(IReadOnlyList{ResultRow}, IMetric?, Func{ResultRow, string?}?)"/> with each chart's finding
    /// (<see cref="ChartFindings.Heatmap"/> of its cells: the optimal configuration for the SLA violation rate).
    /// </summary>
    public static IReadOnlyList<(string FileName, GenericChart Chart, string Finding)> ChartsWithFindings(
        IReadOnlyList<ResultRow> rows,
        IMetric? metric = null,
        Func<ResultRow, string?>? facet = null
    )
    {
        ArgumentNullException.ThrowIfNull(rows);
        metric ??= MetricCatalogue.SlaViolationRate;
        var usable = rows.Where(r => r.Succeeded && r[ConfigurationColumns.NumGpus.Name] is not null && r[ConfigurationColumns.KBins.Name] is not null)
            .ToArray();
        facet ??= ResultFacets.DefaultFor(usable);
        var grids = HeatmapGrid.Build(rows, metric, facet);
        double? min,
            max;
        if (metric.Unit == "fraction")
        {
            (min, max) = (0, 1); // a rate: the same colours mean the same rate on every chart, whatever the data
        }
        else
        {
            var all = grids.SelectMany(g => g.Values.SelectMany(r => r)).OfType<double>().ToArray();
            (min, max) = all.Length > 0 ? (all.Min(), all.Max()) : ((double?)null, (double?)null);
        }

        return grids
            .Select(g =>
            {
                var cells = usable.Where(r => facet(r) == g.Facet).ToArray();
                var optimal = metric.Name == MetricCatalogue.SlaViolationRate.Name ? Experiments.SuitePlanner.Optimal(cells) : null;
                var sizes = cells
                    .Select(r => r[MetricCatalogue.NumRequests.Name] ?? r[ConfigurationColumns.NumRequestsRequested.Name])
                    .OfType<object>()
                    .Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture))
                    .Distinct()
                    .Order()
                    .ToArray();
                var levels = cells.Select(ResultFacets.LoadLevel).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
                return (FileName(metric, g.Facet), Draw(g, metric, min, max, optimal, sizes, levels), ChartFindings.Heatmap(cells, metric));
            })
            .ToArray();
    }

    /// <summary>
    /// <see cref="Charts(IReadOnlyList{ResultRow}, IMetric?, Func{ResultRow, string?}?)"/> for a results DataFrame (<see cref="ResultStore.Load"/>).
    /// </summary>
    public static IReadOnlyList<(string FileName, GenericChart Chart)> Charts(
        DataFrame frame,
        IMetric? metric = null,
        Func<ResultRow, string?>? facet = null
    ) => Charts(ResultFrames.FromDataFrame(frame, "results DataFrame"), metric, facet);

    /// <summary>
    /// The heatmap of one grid, each cell's value written in it; <paramref name="zMin"/>/<paramref name="zMax"/> fix the
    /// colour range (shared across panels). For the SLA violation rate, the boundary of the cells at or under
    /// <see cref="Experiments.SuitePlanner.OptimalViolationRate"/> (5 %) is drawn in white and the
    /// <paramref name="optimal"/> configuration boxed in black; the title names the load level and the workload sizes.
    /// </summary>
    public static GenericChart Draw(
        HeatmapGrid grid,
        IMetric metric,
        double? zMin = null,
        double? zMax = null,
        Experiments.OptimalConfiguration? optimal = null,
        IReadOnlyList<long>? sizes = null,
        IReadOnlyList<string>? levels = null
    )
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(metric);
        var x = grid.Gpus.Select(g => g.ToString(CultureInfo.InvariantCulture)).ToArray();
        var y = grid.K.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(
            zData: grid.Values.Select(r => r.Select(v => v ?? double.NaN)),
            X: x,
            Y: y,
            Name: metric.Title
        );
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

            trace.SetProperty("texttemplate", metric.Unit == "fraction" ? "%{z:.1%}" : "%{z:.3g}");
        }

        bool violation = metric.Name == MetricCatalogue.SlaViolationRate.Name;
        var notes = new List<string>();
        var shapes = violation ? Boundary(grid, Experiments.SuitePlanner.OptimalViolationRate) : [];
        if (shapes.Count > 0)
        {
            notes.Add("white line: the 5 % violation boundary (cells inside at or under 5 %)");
        }

        if (optimal is { } best && grid.Gpus.ToList().IndexOf(best.Gpus) is var g and >= 0 && grid.K.ToList().IndexOf(best.K) is var k and >= 0)
        {
            // A black box around the optimal cell, its value still readable inside.
            shapes.Add(Shape("rect", g - 0.5, k - 0.5, g + 0.5, k + 0.5, "black", 4));
            notes.Add(
                best.Fallback
                    ? FormattableString.Invariant($"black box: lowest violation, G = {best.Gpus}, K = {best.K} (no configuration within 5 %)")
                    : FormattableString.Invariant(
                        $"black box: optimal, G = {best.Gpus}, K = {best.K} (the fewest GPUs within 5 %, then the K of lowest violation)"
                    )
            );
        }

        chart = ChartStyle.WithAxes(chart, ChartStyle.Axis("GPUs", "category", x), ChartStyle.Axis("bins K", "category", y));
        if (shapes.Count > 0)
        {
            var layout = new Layout();
            layout.SetProperty("shapes", shapes.ToArray());
            chart = Plotly.NET.Chart.withLayout(layout).Invoke(chart);
        }

        // The title names the load level and the workload size (a facet such as "low, N=10000" or "N=10000" is those two).
        string? level = levels is { Count: 1 } ? levels[0] : null;
        bool defaultFacet =
            grid.Facet is not { } f
            || f.StartsWith("N=", StringComparison.Ordinal)
            || (level is not null && (f == level || f.StartsWith(level + ", N=", StringComparison.Ordinal)));
        string facet = (defaultFacet ? "" : $", {grid.Facet}") + (level is not null ? $", load level {level}" : "");
        string size = sizes is { Count: > 0 } ? ", N = " + string.Join(" / ", sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture))) : "";
        string title = $"{Capitalize(metric.Title)} over GPUs x K{facet}{size}" + (notes.Count > 0 ? $"<br><sub>{string.Join("; ", notes)}</sub>" : "");
        return ChartStyle.Finish(chart, title, legendTitle: null);
    }

    /// <summary>
    /// The outline of the cells whose value is at most <paramref name="threshold"/>: a white line segment on every side of
    /// such a cell that borders a cell above it, an empty cell or the grid's edge (category axes: cell i spans i - 0.5 .. i + 0.5).
    /// </summary>
    private static List<DynamicObj.DynamicObj> Boundary(HeatmapGrid grid, double threshold)
    {
        bool Within(int k, int g) => k >= 0 && g >= 0 && k < grid.K.Count && g < grid.Gpus.Count && grid.Values[k][g] is { } v && v <= threshold;
        var shapes = new List<DynamicObj.DynamicObj>();
        void Segment(double x0, double y0, double x1, double y1) => shapes.Add(Shape("line", x0, y0, x1, y1, "white", 3));

        for (int k = 0; k < grid.K.Count; k++)
        {
            for (int g = 0; g < grid.Gpus.Count; g++)
            {
                if (!Within(k, g))
                {
                    continue;
                }

                if (!Within(k, g - 1))
                {
                    Segment(g - 0.5, k - 0.5, g - 0.5, k + 0.5);
                }

                if (!Within(k, g + 1))
                {
                    Segment(g + 0.5, k - 0.5, g + 0.5, k + 0.5);
                }

                if (!Within(k - 1, g))
                {
                    Segment(g - 0.5, k - 0.5, g + 0.5, k - 0.5);
                }

                if (!Within(k + 1, g))
                {
                    Segment(g - 0.5, k + 0.5, g + 0.5, k + 0.5);
                }
            }
        }

        return shapes;
    }

    /// <summary>A layout shape in the axes' coordinates (category axes: the category's index).</summary>
    private static DynamicObj.DynamicObj Shape(string type, double x0, double y0, double x1, double y1, string colour, double width)
    {
        var shape = new DynamicObj.DynamicObj();
        shape.SetProperty("type", type);
        shape.SetProperty("xref", "x");
        shape.SetProperty("yref", "y");
        shape.SetProperty("x0", x0);
        shape.SetProperty("y0", y0);
        shape.SetProperty("x1", x1);
        shape.SetProperty("y1", y1);
        var line = new DynamicObj.DynamicObj();
        line.SetProperty("color", colour);
        line.SetProperty("width", width);
        shape.SetProperty("line", line);
        return shape;
    }

    private static string FileName(IMetric metric, string? facet) =>
        facet is null ? $"heatmap_{metric.Name}.html" : $"heatmap_{metric.Name}_{Sanitize(facet)}.html";

    private static string Sanitize(string facet) =>
        new(facet.Replace(", ", "_").Replace("=", "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
