using MultiBinSim.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace MultiBinSim.Tests.Charts;

/// <summary>A chart's plain-text form: title, axes and series, markup removed, nothing else.</summary>
public class ChartTextTests
{
    [Fact]
    public void A_chart_is_described_by_its_title_axes_and_series()
    {
        var lines = Chart
            .Combine([
                Chart.Line<double, double, string>([1.0, 2.0, 4.0], [3.0, 2.0, 1.0], Name: "simulated"),
                Chart.Line<double, double, string>([1.0, 4.0], [2.0, 2.0], Name: "closed form"),
            ])
            .WithXAxisStyle<double, double, string>(TitleText: "bins K")
            .WithYAxisStyle<double, double, string>(TitleText: "capacity (req/s)");
        var chart = Plotly
            .NET.Chart.withTitle("K sensitivity<br><sub>flat within resolution</sub>", Microsoft.FSharp.Core.FSharpOption<Font>.None)
            .Invoke(lines);

        Assert.Equal(
            "Chart: K sensitivity - flat within resolution\nx axis: bins K\ny axis: capacity (req/s)\n  scatter simulated (3 points)\n  scatter closed form (2 points)",
            ChartText.Describe(chart)
        );
    }
}
