namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// A line chart of a reproduction, as data: title, axis titles with units, the lines, and the axis settings.
/// Drawing is Reporting's job (<c>Reporting.ReproductionChartRenderer</c>); experiments only say what to draw.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="XTitle">x axis title with its unit.</param>
/// <param name="YTitle">y axis title with its unit.</param>
/// <param name="Lines">The lines.</param>
/// <param name="LogX">Logarithmic x axis with ticks at powers of two.</param>
/// <param name="YRange">Fixed y range, or null.</param>
/// <param name="LogY">Logarithmic y axis.</param>
public sealed record LineChartSpec(
    string Title,
    string XTitle,
    string YTitle,
    IReadOnlyList<ChartLine> Lines,
    bool LogX = false,
    (double Min, double Max)? YRange = null,
    bool LogY = false
);

/// <summary>Line charts for reproductions: axis titles with units, hover text naming the line, x and y with units.</summary>
public static class ReproductionCharts
{
    /// <summary>
    /// A chart of <paramref name="lines"/>. <paramref name="xTitle"/> and <paramref name="yTitle"/> carry units; the
    /// hover text shows the line's name and "x label = value" for both axes (labels are the titles).
    /// </summary>
    public static LineChartSpec Lines(
        string title,
        string xTitle,
        string yTitle,
        IEnumerable<ChartLine> lines,
        bool logX = false,
        (double Min, double Max)? yRange = null
    ) => new(title, xTitle, yTitle, lines.ToArray(), logX, yRange);
}
