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

    /// <summary>
    /// The colours of line families (Plotly's default colorway, D3's category10): one colour per family (a k, a B, a
    /// policy), so that a family's simulated line (solid) and its closed form (dashed) read as one.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
    ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The colour of reference lines (D_SLA, SLO targets, offered load).</summary>
    public const string ReferenceColour = "#555555";

    /// <summary>How many decades the data may span on a linear axis; beyond it the axis is logarithmic.</summary>
    public const double LinearDecades = 1.4;

    /// <summary>
    /// Whether <paramref name="values"/> (the finite ones) need a log axis: all positive and spanning more than
    /// <see cref="LinearDecades"/> decades (max / min &gt; 10^1.4, about 25), where a linear axis flattens the small ones to
    /// the floor. Zero or negative values keep a linear axis (a log axis cannot show them).
    /// </summary>
    public static bool SpansDecades(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length < 2 || finite.Any(v => v <= 0))
        {
            return false;
        }

        return Math.Log10(finite.Max() / finite.Min()) > LinearDecades;
    }

    /// <summary>
    /// Sets the chart's y axis (<paramref name="axisName"/>, default "yaxis") to the kit's rule for <paramref name="values"/>:
    /// <c>rangemode: tozero</c> when <paramref name="fromZero"/> (sensitivity charts: a difference reads against the
    /// whole value, not against a zoomed range), else a log axis when the values span decades
    /// (<see cref="SpansDecades"/>). Returns whether the axis became logarithmic.
    /// </summary>
    internal static bool ApplyValueAxis(GenericChart chart, IEnumerable<double> values, bool fromZero, string axisName = "yaxis")
    {
        if (GenericChart.getLayout(chart).TryGetPropertyValue(axisName) is not { } found || found.Value is not DynamicObj.DynamicObj axis)
        {
            axis = new DynamicObj.DynamicObj();
            GenericChart.getLayout(chart).SetProperty(axisName, axis);
        }

        if (fromZero)
        {
            axis.SetProperty("rangemode", "tozero");
            return false;
        }

        if (SpansDecades(values))
        {
            axis.SetProperty("type", "log");
            if (
                axis.TryGetPropertyValue("title") is { } title
                && title.Value is DynamicObj.DynamicObj titleObject
                && titleObject.TryGetPropertyValue("text") is { } text
                && text.Value is string label
                && !label.Contains("log scale", StringComparison.Ordinal)
            )
            {
                titleObject.SetProperty("text", label + ", log scale");
            }
            return true;
        }

        return false;
    }

    /// <summary>
    /// A reference line (D_SLA, an SLO target, the offered load) as a dotted grey trace across <paramref name="from"/>..
    /// <paramref name="to"/>: horizontal at y = <paramref name="value"/>, or vertical at x = <paramref name="value"/> when
    /// <paramref name="vertical"/>. A trace (not a layout shape) so that it shows in the legend with its value and works on log axes.
    /// </summary>
    internal static GenericChart ReferenceLine(string name, double value, double from, double to, bool vertical = false)
    {
        double[] along = [from, to];
        double[] level = [value, value];
        var line = vertical
            ? Plotly.NET.CSharp.Chart.Line<double, double, string>(x: level, y: along, Name: name)
            : Plotly.NET.CSharp.Chart.Line<double, double, string>(x: along, y: level, Name: name);
        foreach (var trace in GenericChart.getTraces(line))
        {
            var style = new DynamicObj.DynamicObj();
            style.SetProperty("color", ReferenceColour);
            style.SetProperty("dash", "dot");
            style.SetProperty("width", 2);
            trace.SetProperty("line", style);
            trace.SetProperty("hovertemplate", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}<extra></extra>"));
        }

        return line;
    }

    /// <summary>Sets a trace's colour (line and markers), legend group and line dash ("solid", "dash", "dot").</summary>
    internal static void Colour(Trace trace, string colour, string? legendGroup, string dash)
    {
        var line = trace.TryGetPropertyValue("line") is { } existing && existing.Value is DynamicObj.DynamicObj l ? l : new DynamicObj.DynamicObj();
        line.SetProperty("color", colour);
        line.SetProperty("dash", dash);
        trace.SetProperty("line", line);
        var marker = trace.TryGetPropertyValue("marker") is { } m && m.Value is DynamicObj.DynamicObj mk ? mk : new DynamicObj.DynamicObj();
        marker.SetProperty("color", colour);
        trace.SetProperty("marker", marker);
        if (legendGroup is not null)
        {
            trace.SetProperty("legendgroup", legendGroup);
        }
    }

    /// <summary>
    /// For each line, the other line it equals at every one of its points (each x of it is an x of the other, with y
    /// equal to 1e-9 relative), or -1: a line drawn exactly over another hides it (or is hidden), so the legend says
    /// "identical to X" and <see cref="Twin"/> draws it so that both show. Of two lines with the same points, the later
    /// one names the earlier; a line whose points are a subset of another's (a simulation at a few b on a dense closed
    /// form) names the other.
    /// </summary>
    internal static int[] IdenticalTo(IReadOnlyList<(IReadOnlyList<double> X, IReadOnlyList<double> Y)> lines)
    {
        static bool Equal(double a, double b) => a.Equals(b) || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
        static bool On((IReadOnlyList<double> X, IReadOnlyList<double> Y) line, (IReadOnlyList<double> X, IReadOnlyList<double> Y) other)
        {
            if (line.X.Count == 0 || line.X.Count > other.X.Count)
            {
                return false;
            }

            for (int p = 0; p < line.X.Count; p++)
            {
                int at = -1;
                for (int q = 0; q < other.X.Count && at < 0; q++)
                {
                    at = other.X[q].Equals(line.X[p]) ? q : -1;
                }

                if (at < 0 || !Equal(line.Y[p], other.Y[at]))
                {
                    return false;
                }
            }

            return true;
        }

        var twins = Enumerable.Repeat(-1, lines.Count).ToArray();
        for (int i = 0; i < lines.Count; i++)
        {
            for (int j = 0; j < lines.Count && twins[i] < 0; j++)
            {
                // The same points both ways: only the later line names the earlier one.
                if (j != i && On(lines[i], lines[j]) && (j < i || !On(lines[j], lines[i])))
                {
                    twins[i] = j;
                }
            }
        }

        return twins;
    }

    /// <summary>
    /// A line equal to another (<see cref="IdenticalTo"/>): larger open markers, partly transparent, and dotted when
    /// <paramref name="dotted"/> (lines whose dash means nothing, such as CDFs), so the one under it shows.
    /// </summary>
    internal static void Twin(Trace trace, bool dotted = true)
    {
        trace.SetProperty("mode", "lines+markers");
        trace.SetProperty("opacity", 0.75);
        var marker = trace.TryGetPropertyValue("marker") is { } m && m.Value is DynamicObj.DynamicObj mk ? mk : new DynamicObj.DynamicObj();
        marker.SetProperty("symbol", "circle-open");
        marker.SetProperty("size", 10);
        trace.SetProperty("marker", marker);
        if (dotted)
        {
            var line = trace.TryGetPropertyValue("line") is { } l && l.Value is DynamicObj.DynamicObj ln ? ln : new DynamicObj.DynamicObj();
            line.SetProperty("dash", "dot");
            trace.SetProperty("line", line);
        }
    }

    /// <summary>
    /// Lines that may lie on top of each other (CDFs of methods that behave alike): the first line is the widest and
    /// each later one narrower, all slightly transparent, so a line drawn over an earlier one leaves it visible on both
    /// sides (widths 4.5, 3.5, 2.5, then 1.5).
    /// </summary>
    internal static void Stacked(Trace trace, int index)
    {
        var line = trace.TryGetPropertyValue("line") is { } l && l.Value is DynamicObj.DynamicObj ln ? ln : new DynamicObj.DynamicObj();
        line.SetProperty("width", Math.Max(1.5, 4.5 - index));
        trace.SetProperty("line", line);
        trace.SetProperty("opacity", 0.85);
    }
}
