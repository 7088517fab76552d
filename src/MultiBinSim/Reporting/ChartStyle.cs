using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// Styling shared by the research charts (heatmap, Pareto frontier, CDFs): sized to their container (Plotly's
/// <c>responsive</c> config and <c>autosize</c> layout, no fixed pixel width), a title, and a titled legend. Each call
/// adds fresh layout/config objects, so no Plotly.NET default is changed for other charts.
/// </summary>
public static class ChartStyle
{
    /// <summary>The height the research charts ask for (pixels); the width follows the container.</summary>
    public const int Height = 520;

    /// <summary>
    /// The chart with <c>config.responsive = true</c> (it redraws when its container resizes) and
    /// <c>layout.autosize = true</c> without a width (it takes the container's width), a title and a legend title.
    /// </summary>
    public static GenericChart Finish(GenericChart chart, string title, string? legendTitle) =>
        Styled(chart, title, legendTitle, showLegend: legendTitle is not null);

    /// <summary>
    /// The chart sized to its container (<c>config.responsive</c>, <c>layout.autosize</c>, no width, <see cref="Height"/>
    /// pixels high) with a legend title: what every chart of the kit gets, so that pages and notebook cells of any
    /// width show it whole.
    /// </summary>
    public static GenericChart Sized(this GenericChart chart, string? legendTitle) => Styled(chart, title: null, legendTitle, showLegend: false);

    /// <summary>
    /// Responsive config; a layout with autosize, <see cref="Height"/>, then the title, legend title and showlegend
    /// where given (this order is the committed notebooks' layout JSON); and no width.
    /// </summary>
    private static GenericChart Styled(GenericChart chart, string? title, string? legendTitle, bool showLegend)
    {
        ArgumentNullException.ThrowIfNull(chart);
        PlotlySerialization.Configure(); // notebooks render the chart with Plotly.NET's serializer: make it linear
        var config = new Config();
        config.SetProperty("responsive", true);
        var layout = new Layout();
        layout.SetProperty("autosize", true);
        layout.SetProperty("height", Height);
        if (title is not null)
        {
            var titleObject = new DynamicObj.DynamicObj();
            titleObject.SetProperty("text", title);
            layout.SetProperty("title", titleObject);
        }

        if (legendTitle is not null)
        {
            var legend = new DynamicObj.DynamicObj();
            var legendTitleObject = new DynamicObj.DynamicObj();
            legendTitleObject.SetProperty("text", legendTitle);
            legend.SetProperty("title", legendTitleObject);
            layout.SetProperty("legend", legend);
        }

        if (showLegend)
        {
            layout.SetProperty("showlegend", true);
        }

        var styled = Plotly.NET.Chart.withLayout(layout).Invoke(Plotly.NET.Chart.withConfig(config).Invoke(chart));

        // Plotly.NET gives every chart its default width (600 px); a copy of the layout without it lets the chart take
        // its container's width (the original layout object is left as it was).
        var sized = new Layout();
        foreach (var property in GenericChart.getLayout(styled).GetProperties(false))
        {
            if (property.Key != "width")
            {
                sized.SetProperty(property.Key, property.Value);
            }
        }

        return GenericChart.setLayout(sized, styled);
    }

    /// <summary>Sets the hover text of every trace of <paramref name="chart"/> to <paramref name="text"/> (one entry per point), shown as is.</summary>
    public static GenericChart WithHoverText(GenericChart chart, object text)
    {
        ArgumentNullException.ThrowIfNull(chart);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("text", text);
            trace.SetProperty("hovertemplate", "%{text}<extra></extra>");
        }

        return chart;
    }

    /// <summary>An axis object: its title (with unit), optional type ("log", "category") and category order.</summary>
    internal static DynamicObj.DynamicObj Axis(string title, string? type = null, IReadOnlyList<string>? categories = null)
    {
        var axis = new DynamicObj.DynamicObj();
        var titleObject = new DynamicObj.DynamicObj();
        titleObject.SetProperty("text", title);
        axis.SetProperty("title", titleObject);
        if (type is not null)
        {
            axis.SetProperty("type", type);
        }

        if (categories is not null)
        {
            axis.SetProperty("categoryorder", "array");
            axis.SetProperty("categoryarray", categories.ToArray());
        }

        return axis;
    }

    /// <summary>The chart with its x and y axes replaced by <paramref name="x"/> and <paramref name="y"/>.</summary>
    internal static GenericChart WithAxes(GenericChart chart, DynamicObj.DynamicObj x, DynamicObj.DynamicObj y)
    {
        var layout = new Layout();
        layout.SetProperty("xaxis", x);
        layout.SetProperty("yaxis", y);
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }
}
