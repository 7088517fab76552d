using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

using MultiBinSim.Experiments.Reproductions;

namespace MultiBinSim.Reporting;

/// <summary>Draws a reproduction's <see cref="LineChartSpec"/> with Plotly: axis titles with units, hover text naming the line, x and y with units.</summary>
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
        var traces = lines.Select(line =>
        {
            var chart = line.Dashed
                ? Chart.Line<double, double, string>(x: line.X, y: line.Y, Name: line.Name, LineDash: StyleParam.DrawingStyle.Dash)
                : Chart.Line<double, double, string>(x: line.X, y: line.Y, Name: line.Name, ShowMarkers: true);
            foreach (var trace in GenericChart.getTraces(chart))
            {
                trace.SetProperty("hovertemplate", $"{line.Name}<br>{xTitle} = %{{x:.4g}}<br>{yTitle} = %{{y:.4g}}<extra></extra>");
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
        }).ToList();
        var combined = traces.Count > 0 ? Chart.Combine(traces) : Chart.Line<double, double, string>(x: [], y: [], Name: "no data");
        var styled = combined
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .Sized("series");
        if (yRange is { } range)
        {
            styled = styled.WithYAxisStyle<double, double, string>(TitleText: yTitle, MinMax: new Tuple<double, double>(range.Min, range.Max));
        }

        if (logX && GenericChart.getLayout(styled).TryGetPropertyValue("xaxis") is { } axis && axis.Value is DynamicObj.DynamicObj xAxis)
        {
            xAxis.SetProperty("dtick", Math.Log10(2)); // ticks at 1, 2, 4, 8, ...
        }

        if (spec.LogY)
        {
            styled = styled.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: StyleParam.AxisType.Log);
        }

        return Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(styled);
    }
}
