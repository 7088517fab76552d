using Microsoft.FSharp.Core;
using MultiBinSim.Workloads;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using Trace = MultiBinSim.Workloads.Trace;

namespace MultiBinSim.Reporting;

/// <summary>Charts that describe a trace before it is simulated: token-length histograms and the arrival rate over time.</summary>
public static class TraceCharts
{
    /// <summary>
    /// Histograms of request and response tokens (counts per bin on a log axis, so the long tail stays visible).
    /// Binned here rather than in the browser, so a chart of millions of requests stays a few kilobytes.
    /// </summary>
    public static GenericChart LengthHistograms(Trace trace, int bins = 80)
    {
        int max = Math.Max(1, Math.Max(trace.RequestTokens.Max(), trace.ResponseTokens.Max()));
        double width = Math.Ceiling((max + 1) / (double)bins);
        var centers = Enumerable.Range(0, bins).Select(b => (b + 0.5) * width).ToArray();
        GenericChart Bars(int[] values, string name)
        {
            var counts = new double[bins];
            foreach (int v in values)
            {
                counts[Math.Min(bins - 1, (int)(v / width))]++;
            }

            return Chart.Column<double, double, string>(values: counts, Keys: centers, Name: name, Opacity: 0.6);
        }

        var chart = Chart
            .Combine([Bars(trace.RequestTokens, "request tokens"), Bars(trace.ResponseTokens, "response tokens")])
            .WithXAxisStyle<double, double, string>(TitleText: $"tokens per request ({width:0}-token bins)")
            .WithYAxisStyle<double, double, string>(TitleText: "requests (log scale)", AxisType: StyleParam.AxisType.Log)
            .Sized("series");
        // Overlaid, not side by side: two histograms on one axis read better on top of each other.
        var layout = (DynamicObj.DynamicObj)GenericChart.getLayout(chart);
        layout.SetProperty("barmode", "overlay");
        layout.SetProperty("bargap", 0);
        return Titled(chart, $"Token lengths: {Label(trace)}");
    }

    /// <summary>Requests per minute against time since the first request (hours).</summary>
    public static GenericChart ArrivalRate(Trace trace, double bucketSeconds = 60)
    {
        var (hours, perMinute) = RateSeries(trace, bucketSeconds);
        var chart = Chart
            .Line<double, double, string>(x: hours, y: perMinute, Name: "requests per minute")
            .WithXAxisStyle<double, double, string>(TitleText: "time since first request (hours)")
            .WithYAxisStyle<double, double, string>(TitleText: $"requests per minute ({bucketSeconds:0} s buckets)")
            .Sized("series");
        return Titled(chart, $"Arrival rate: {Label(trace)}");
    }

    /// <summary>(bucket start in hours, requests per minute in that bucket), every bucket from the first to the last request.</summary>
    public static (double[] Hours, double[] PerMinute) RateSeries(Trace trace, double bucketSeconds = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucketSeconds, 0);
        double min = trace.Timestamps.Min();
        int buckets = (int)Math.Floor((trace.Timestamps.Max() - min) / bucketSeconds) + 1;
        var counts = new double[buckets];
        foreach (double t in trace.Timestamps)
        {
            counts[(int)Math.Floor((t - min) / bucketSeconds)]++;
        }

        var hours = Enumerable.Range(0, buckets).Select(b => b * bucketSeconds / 3600.0).ToArray();
        return (hours, counts.Select(c => c * 60.0 / bucketSeconds).ToArray());
    }

    private static string Label(Trace trace) => trace.IsSynthetic ? "synthetic BurstGPT-shaped trace" : Path.GetFileName(trace.Source);

    private static GenericChart Titled(GenericChart chart, string title) => Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
}
