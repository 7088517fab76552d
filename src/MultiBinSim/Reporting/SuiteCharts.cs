using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace MultiBinSim.Reporting;

/// <summary>
/// The suite's Plotly charts, each built from a results DataFrame (so notebooks and <c>mbsim suite</c> draw the same).
/// Axis titles carry units; x axes are logarithmic where the sweep is geometric.
/// </summary>
public static class SuiteCharts
{
    public const int Width = 900;
    public const int Height = 520;

    /// <summary>Step 1: a metric (capacity or SLA violation rate) vs N, one line per scheduler/GPU configuration.</summary>
    public static GenericChart RequestScaling(DataFrame frame, IMetric metric) =>
        Lines(SuiteSeries.RequestScaling(frame), metric, "requests N (log scale)", StyleParam.AxisType.Log, $"Request scaling: {metric.AxisTitle} vs N");

    /// <summary>Step 2: a metric vs GPUs (capacity, violation rate, latency, utilization or scaling efficiency).</summary>
    public static GenericChart GpuScaling(DataFrame frame, IMetric metric) =>
        PowersOfTwoTicks(Lines(SuiteSeries.GpuScaling(frame), metric, "GPUs (log scale)", StyleParam.AxisType.Log, $"GPU scaling: {metric.AxisTitle} vs GPUs"));

    /// <summary>
    /// Step 2 of several runs on one chart (load levels, engines, settings): each run's lines are named
    /// "<c>label: scheduler K</c>", so that runs of the same configuration stay apart.
    /// </summary>
    public static GenericChart GpuScalingCompared(IReadOnlyList<(string Label, DataFrame Frame)> runs, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var series = runs.SelectMany(r => SuiteSeries.GpuScaling(r.Frame).Select(s => s with { Label = $"{r.Label}: {s.Label}" })).ToArray();
        return PowersOfTwoTicks(Lines(series, metric, "GPUs (log scale)", StyleParam.AxisType.Log, $"GPU scaling: {metric.AxisTitle} vs GPUs, {string.Join(" / ", runs.Select(r => r.Label))}"));
    }

    /// <summary>Step 3: a metric vs K on a log2 axis (ticks at 1, 2, 4, ...).</summary>
    public static GenericChart KSensitivity(DataFrame frame, IMetric metric) =>
        PowersOfTwoTicks(Lines(SuiteSeries.KSensitivity(frame), metric, "bins K (log2 scale)", StyleParam.AxisType.Log, $"K sensitivity: {metric.AxisTitle} vs K"));

    /// <summary>Theorem 4.2: simulated throughput (markers) and the closed form (dashed) against k, one colour per B.</summary>
    public static GenericChart Theory(IReadOnlyList<Experiments.TheoryPoint> points)
    {
        var traces = points.GroupBy(p => p.BatchSize).OrderBy(g => g.Key).SelectMany(g => new[]
        {
            Chart.Point<double, double, string>(x: g.Select(p => (double)p.K), y: g.Select(p => p.SimulatedThroughput), Name: $"B={g.Key} simulated"),
            Chart.Line<double, double, string>(x: g.Select(p => (double)p.K), y: g.Select(p => p.TheoryThroughput), Name: $"B={g.Key} Theorem 4.2", LineDash: StyleParam.DrawingStyle.Dash),
        });
        return PowersOfTwoTicks(Finish(Combine(traces), "bins k (log2 scale)", StyleParam.AxisType.Log, "throughput at saturation (req/s, log scale)", "Theorem 4.2 of arXiv 2412.04504: simulation vs closed form")
            .WithYAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log));
    }

    /// <summary>A predictor sweep's metric against K, one line per predictor (log2 x axis).</summary>
    public static GenericChart PredictorSweep(DataFrame sweep, IMetric? metric = null)
    {
        metric ??= DerivedMetric.GainVersusOneBin;
        int n = (int)sweep.Rows.Count;
        var series = Enumerable.Range(0, n).GroupBy(i => (string)sweep.Columns["predictor"][i])
            .Select(g => new Series(g.Key,
                g.Select(i => Convert.ToDouble(sweep.Columns["k_bins"][i], System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                new Dictionary<string, IReadOnlyList<double?>> { [metric.Name] = g.Select(i => sweep.Columns[metric.Name][i] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : (double?)null).ToArray() }))
            .ToArray();
        return PowersOfTwoTicks(Lines(series, metric, "bins K (log2 scale)", StyleParam.AxisType.Log, $"Predictor error: {metric.AxisTitle} vs K"));
    }

    /// <summary>
    /// Capacity (highest sustained arrival rate within the SLA target) vs GPUs, one line per scheduler; for rows of the
    /// continuous engine (a <c>capacity_criterion</c> column, e.g. <c>slo_attainment&gt;=0.9</c>) the axis names that criterion
    /// and the lines are the policies over replicas.
    /// </summary>
    public static GenericChart CapacityVersusGpus(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        string? criterion = frame.Columns.IndexOf("capacity_criterion") >= 0
            ? Enumerable.Range(0, (int)frame.Rows.Count).Select(i => frame.Columns["capacity_criterion"][i] as string).FirstOrDefault(c => c is not null)
            : null;
        if (criterion is null)
        {
            return PowersOfTwoTicks(Lines(SuiteSeries.Capacity(frame), CapacityAxis, "GPUs (log scale)", StyleParam.AxisType.Log, "Capacity vs GPUs per scheduler"));
        }

        var axis = new DerivedMetric(MetricCatalogue.OfferedLoadRequestsPerSec.Name, $"capacity: highest arrival rate with {criterion}", "req/s",
            $"The offered load of the highest arrival rate meeting {criterion}.");
        return PowersOfTwoTicks(Lines(SuiteSeries.Capacity(frame), axis, "replicas (GPUs, log scale)", StyleParam.AxisType.Log, "Capacity vs replicas per policy (continuous engine)"));
    }

    /// <summary>The capacity chart's y axis: the offered load of the highest arrival rate that met the target.</summary>
    private static readonly DerivedMetric CapacityAxis = new(MetricCatalogue.OfferedLoadRequestsPerSec.Name,
        "capacity: highest arrival rate within the SLA target", "req/s", "The offered load of the highest arrival rate whose SLA violation rate met the target.");

    /// <summary>Every run as a point: throughput against average latency (log x), one colour per step.</summary>
    public static GenericChart ThroughputVersusLatency(DataFrame frame)
    {
        var series = SuiteSeries.ThroughputVersusLatency(frame);
        var traces = series.Select(s => Chart.Point<double, double, string>(
            x: s.X, y: s.Y[MetricCatalogue.ThroughputRequestsPerSec.Name].Select(v => v ?? double.NaN), Name: s.Label));
        return Finish(Combine(traces), "average latency (s, log scale)", StyleParam.AxisType.Log, MetricCatalogue.ThroughputRequestsPerSec.AxisTitle,
            "Throughput vs latency across all runs");
    }

    /// <summary>A bar per scheduler for one metric of a <see cref="Experiments.SchedulerComparison"/> table.</summary>
    public static GenericChart SchedulerBars(DataFrame comparison, IMetric metric)
    {
        var names = Enumerable.Range(0, (int)comparison.Rows.Count).Select(i => (string)comparison.Columns["scheduler"][i]).ToArray();
        var values = Enumerable.Range(0, (int)comparison.Rows.Count).Select(i => Convert.ToDouble(comparison.Columns[metric.Name][i], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var chart = Chart.Column<double, string, string>(values: values, Keys: names, Name: metric.Name)
            .WithXAxisStyle<double, double, string>(TitleText: "scheduler")
            .WithYAxisStyle<double, double, string>(TitleText: metric.AxisTitle)
            .Sized("scheduler");
        return Plotly.NET.Chart.withTitle($"Schedulers compared: {metric.AxisTitle}", FSharpOption<Font>.None).Invoke(chart);
    }

    /// <summary>Every chart of the suite for a DataFrame, with the file name it is saved under.</summary>
    public static IReadOnlyList<(string FileName, GenericChart Chart)> All(DataFrame frame)
    {
        var charts = new List<(string, GenericChart)>();
        foreach (var m in SuiteSeries.RequestScalingMetrics)
        {
            charts.Add(($"step1_request_scaling_{m.Name}.html", RequestScaling(frame, m)));
        }

        foreach (var m in SuiteSeries.GpuScalingMetrics)
        {
            charts.Add(($"step2_gpu_scaling_{m.Name}.html", GpuScaling(frame, m)));
        }

        foreach (var m in SuiteSeries.KSensitivityMetrics)
        {
            charts.Add(($"step3_kbins_sensitivity_{m.Name}.html", KSensitivity(frame, m)));
        }

        if (SuiteSeries.HasContinuousMetrics(frame))
        {
            foreach (var m in SuiteSeries.ContinuousMetrics)
            {
                charts.Add(($"step2_gpu_scaling_{m.Name}.html", GpuScaling(frame, m)));
                charts.Add(($"step3_kbins_sensitivity_{m.Name}.html", KSensitivity(frame, m)));
            }
        }

        charts.Add(("throughput_vs_latency.html", ThroughputVersusLatency(frame)));
        return charts;
    }

    private static GenericChart Lines(IReadOnlyList<Series> series, IMetric metric, string xTitle, StyleParam.AxisType xAxis, string title)
    {
        var traces = series.Select(s => WithErrorBars(
            Chart.Line<double, double, string>(x: s.X, y: s.Y[metric.Name].Select(v => v ?? double.NaN), Name: s.Label, ShowMarkers: true),
            s.YError.GetValueOrDefault(metric.Name)));
        return Finish(Combine(traces), xTitle, xAxis, metric.AxisTitle, title);
    }

    /// <summary>Vertical error bars (95 % confidence intervals over seeds) where there are any.</summary>
    private static GenericChart WithErrorBars(GenericChart chart, IReadOnlyList<double?>? halfWidths)
    {
        if (halfWidths is null || halfWidths.All(h => h is null))
        {
            return chart;
        }

        var error = new DynamicObj.DynamicObj();
        error.SetProperty("type", "data");
        error.SetProperty("array", halfWidths.Select(h => h ?? 0.0).ToArray());
        error.SetProperty("visible", true);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("error_y", error);
        }

        return chart;
    }

    /// <summary>Ticks at 1, 2, 4, 8, ... on a log x axis (Plotly: dtick = log10(2) puts a tick at every power of 2).</summary>
    private static GenericChart PowersOfTwoTicks(GenericChart chart)
    {
        if (GenericChart.getLayout(chart).TryGetPropertyValue("xaxis") is { } axis && axis.Value is DynamicObj.DynamicObj xAxis)
        {
            xAxis.SetProperty("dtick", Math.Log10(2));
        }

        return chart;
    }

    private static GenericChart Combine(IEnumerable<GenericChart> traces)
    {
        var list = traces.ToList();
        // An empty chart still renders (with its axes and title) rather than failing: a step may not have run yet.
        return list.Count > 0 ? Chart.Combine(list) : Chart.Line<double, double, string>(x: [], y: [], Name: "no data");
    }

    private static GenericChart Finish(GenericChart chart, string xTitle, StyleParam.AxisType xAxis, string yTitle, string title)
    {
        var styled = chart
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: xAxis)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .Sized("configuration");
        return Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(styled);
    }
}
