using Microsoft.FSharp.Core;
using MultiBinSim.Experiments.Reproductions;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace MultiBinSim.Reporting;

/// <summary>
/// Draws a reproduction's <see cref="LineChartSpec"/> with Plotly: axis titles with units, hover text naming the line,
/// x and y with units. One colour and one legend group per <see cref="ChartLine.Family"/> (simulated solid with
/// markers, closed form dashed); a line equal to an earlier one says so in its legend entry and is drawn so that both
/// show; a y axis whose data span decades is logarithmic.
/// </summary>
public static class ReproductionChartRenderer
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Chart height in pixels.</summary>
    public const int Height = 520;

    /// <summary>
    /// A chart of <c>lines</c>. <c>xTitle</c> and <c>yTitle</c> carry units; the
    /// hover text shows the line's name and "x label = value" for both axes (labels are the titles).
    /// </summary>
    public static GenericChart Render(LineChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (title, xTitle, yTitle, lines, logX, yRange) = (spec.Title, spec.XTitle, spec.YTitle, spec.Lines, spec.LogX, spec.YRange);
        var families = lines.Select(l => l.Family ?? l.Name).Distinct().ToList();
        var familySizes = lines.GroupBy(l => l.Family ?? l.Name).ToDictionary(g => g.Key, g => g.Count());
        var titled = new HashSet<string>();
        var twins = ChartStyle.IdenticalTo(lines.Select(l => (l.X, l.Y)).ToArray());
        var traces = lines
            .Select(
                (line, index) =>
                {
                    var twin = twins[index] >= 0 ? lines[twins[index]] : null;
                    string name = twin is null ? line.Name : $"{line.Name} (identical to {twin.Name})";
                    var chart = line.Dashed
                        ? Chart.Line<double, double, string>(x: line.X, y: line.Y, Name: name, LineDash: StyleParam.DrawingStyle.Dash)
                        : Chart.Line<double, double, string>(x: line.X, y: line.Y, Name: name, ShowMarkers: true);
                    string family = line.Family ?? line.Name;
                    foreach (var trace in GenericChart.getTraces(chart))
                    {
                        ChartStyle.Colour(
                            trace,
                            ChartStyle.Palette[families.IndexOf(family) % ChartStyle.Palette.Count],
                            family,
                            line.Dashed ? "dash" : "solid"
                        );
                        if (familySizes[family] > 1 && titled.Add(family))
                        {
                            var groupTitle = new DynamicObj.DynamicObj();
                            groupTitle.SetProperty("text", family);
                            trace.SetProperty("legendgrouptitle", groupTitle);
                        }

                        if (line.Symbol is { } symbol && trace.TryGetPropertyValue("marker") is { } m && m.Value is DynamicObj.DynamicObj marker)
                        {
                            marker.SetProperty("symbol", symbol);
                        }

                        // A family's closed form is thick and half transparent, its simulation thin with markers: where they agree,
                        // both still show (the dashes beside the thin line, the markers on the dashes).
                        if (trace.TryGetPropertyValue("line") is { } l && l.Value is DynamicObj.DynamicObj lineStyle)
                        {
                            lineStyle.SetProperty("width", line.Dashed ? 3 : 1.5);
                        }

                        if (line.Dashed)
                        {
                            trace.SetProperty("opacity", 0.7);
                        }

                        if (twin is not null)
                        {
                            // Drawn with its twin: open markers, partly transparent, both visible.
                            ChartStyle.Twin(trace, dotted: false); // solid stays simulated, dashed closed form
                        }

                        trace.SetProperty("hovertemplate", $"{name}<br>{xTitle} = %{{x:.4g}}<br>{yTitle} = %{{y:.4g}}<extra></extra>");
                        if (line.YError is { } error)
                        {
                            var bars = new DynamicObj.DynamicObj();
                            bars.SetProperty("type", "data");
                            bars.SetProperty("array", error.ToArray());
                            bars.SetProperty("visible", true);
                            trace.SetProperty("error_y", bars);
                        }
                    }

                    return chart;
                }
            )
            .ToList();
        var combined = traces.Count > 0 ? Chart.Combine(traces) : Chart.Line<double, double, string>(x: [], y: [], Name: "no data");
        var styled = combined
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .Sized("series");
        // Values across decades (overloaded runs' latency beside the stable ones') on a log axis, which shows them all: a
        // fixed range then no longer applies. Otherwise a fixed range clips the overloaded lines off the chart's scale.
        bool logY = spec.LogY || ChartStyle.SpansDecades(lines.SelectMany(l => l.Y));
        if (yRange is { } range && !logY)
        {
            styled = styled.WithYAxisStyle<double, double, string>(TitleText: yTitle, MinMax: new Tuple<double, double>(range.Min, range.Max));
        }

        if (logX && GenericChart.getLayout(styled).TryGetPropertyValue("xaxis") is { } axis && axis.Value is DynamicObj.DynamicObj xAxis)
        {
            xAxis.SetProperty("dtick", Math.Log10(2)); // ticks at 1, 2, 4, 8, ...
        }

        if (logY)
        {
            styled = styled.WithYAxisStyle<double, double, string>(
                TitleText: spec.LogY || yTitle.Contains("log scale", StringComparison.Ordinal) ? yTitle : LogTitle(yTitle),
                AxisType: StyleParam.AxisType.Log
            );
        }

        return Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(styled);
    }

    /// <summary>"mean latency (s)" becomes "mean latency (s, log scale)"; a title without a unit gets ", log scale".</summary>
    private static string LogTitle(string title) =>
        title.EndsWith(')') ? string.Concat(title.AsSpan(0, title.Length - 1), ", log scale)") : title + " (log scale)";
}
