using System.Globalization;
using Microsoft.FSharp.Core;
using MultiBinSim.Experiments;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace MultiBinSim.Reporting;

/// <summary>
/// The P:D sweep's chart (<see cref="PdRatioSweep"/>): per-GPU goodput against the split, y from zero. One colour per
/// measure: the searched capacity per GPU (DistServe's per-GPU goodput) and the goodput per GPU at the offered load,
/// each solid over the splits and dotted at its colocated value (the reference); the best split is starred.
/// </summary>
public static class PdRatioChart
{
    /// <summary>The chart of <paramref name="result"/>; <paramref name="requests"/> goes into the title.</summary>
    public static GenericChart Create(PdRatioSweepResult result, int requests)
    {
        ArgumentNullException.ThrowIfNull(result);
        var splits = result.Splits;
        double[] x = splits.Select(s => (double)s.PrefillReplicas!.Value).ToArray();
        double from = x[0],
            to = x[^1];
        var traces = new List<GenericChart>();
        var values = new List<double>();
        void Family(int colour, string name, Func<PdRatioPoint, double?> measure)
        {
            string hue = ChartStyle.Palette[colour];
            var y = splits.Select(s => measure(s) ?? double.NaN).ToArray();
            values.AddRange(y);
            var line = Chart.Line<double, double, string>(x: x, y: y, Name: name, ShowMarkers: true);
            foreach (var trace in GenericChart.getTraces(line))
            {
                ChartStyle.Colour(trace, hue, name, "solid");
            }

            traces.Add(line);
            if (measure(result.Colocated) is { } colocated)
            {
                values.Add(colocated);
                string label = string.Create(CultureInfo.InvariantCulture, $"colocated, {result.Gpus} replicas: {colocated:G4}");
                var reference = Chart.Line<double, double, string>(x: [from, to], y: [colocated, colocated], Name: label);
                foreach (var trace in GenericChart.getTraces(reference))
                {
                    ChartStyle.Colour(trace, hue, name, "dot");
                }

                traces.Add(reference);
            }
        }

        if (result.CapacityCriterion is { } criterion)
        {
            Family(0, $"capacity per GPU ({criterion})", p => p.CapacityPerGpu);
        }

        double offered = result.Colocated.Metrics.OfferedLoadRequestsPerSec;
        Family(result.CapacityCriterion is null ? 0 : 1, string.Create(CultureInfo.InvariantCulture, $"goodput per GPU at {offered:G3} req/s offered"), p =>
            p.Metrics.GoodputPerGpu
        );
        var best = result.Best;
        var star = Chart.Point<double, double, string>(x: [best.PrefillReplicas!.Value], y: [best.Score], Name: $"best split {best.Layout}");
        foreach (var trace in GenericChart.getTraces(star))
        {
            var marker = new DynamicObj.DynamicObj();
            marker.SetProperty("symbol", "star");
            marker.SetProperty("size", 16);
            marker.SetProperty("color", ChartStyle.ReferenceColour);
            trace.SetProperty("marker", marker);
        }

        traces.Add(star);
        string title = string.Create(
            CultureInfo.InvariantCulture,
            $"Goodput per GPU vs prefill:decode split ({result.Gpus} GPUs, {requests:N0} requests, SLO TTFT <= {result.SloTtft} s, TPOT <= {result.SloTpot} s)"
        );
        var chart = Chart
            .Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: "prefill replicas P (decode replicas D = G - P)")
            .WithYAxisStyle<double, double, string>(TitleText: "req/s per GPU")
            .Sized("measure");
        var layout = GenericChart.getLayout(chart);
        var xaxis = layout.TryGetPropertyValue("xaxis") is { } found && found.Value is DynamicObj.DynamicObj axis ? axis : new DynamicObj.DynamicObj();
        xaxis.SetProperty("tickvals", x);
        xaxis.SetProperty("ticktext", splits.Select(s => s.Layout).ToArray());
        layout.SetProperty("xaxis", xaxis);
        ChartStyle.ApplyValueAxis(chart, values.Where(double.IsFinite), fromZero: true);
        return Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
    }
}
