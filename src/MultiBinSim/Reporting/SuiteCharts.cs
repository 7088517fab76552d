using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;
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
        Lines(
            SuiteSeries.RequestScaling(frame),
            metric,
            "requests N (log scale)",
            StyleParam.AxisType.Log,
            $"Request scaling: {metric.AxisTitle} vs N",
            References(frame, SuiteStep.RequestScaling, metric, MetricCatalogue.NumRequests.Name)
        );

    /// <summary>Step 2: a metric vs GPUs (capacity, violation rate, latency, utilization or scaling efficiency).</summary>
    public static GenericChart GpuScaling(DataFrame frame, IMetric metric) =>
        PowersOfTwoTicks(
            Lines(
                SuiteSeries.GpuScaling(frame),
                metric,
                "GPUs (log scale)",
                StyleParam.AxisType.Log,
                $"GPU scaling: {metric.AxisTitle} vs GPUs{Context(frame, SuiteStep.GpuScaling, gpus: false)}",
                References(frame, SuiteStep.GpuScaling, metric, ConfigurationColumns.NumGpus.Name)
            )
        );

    /// <summary>
    /// Step 2 of several runs on one chart (load levels, engines, settings): each run's lines are named
    /// "<c>label: scheduler K</c>", so that runs of the same configuration stay apart.
    /// </summary>
    public static GenericChart GpuScalingCompared(IReadOnlyList<(string Label, DataFrame Frame)> runs, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var series = runs.SelectMany(r => SuiteSeries.GpuScaling(r.Frame).Select(s => s with { Label = $"{r.Label}: {s.Label}" })).ToArray();
        return PowersOfTwoTicks(
            Lines(
                series,
                metric,
                "GPUs (log scale)",
                StyleParam.AxisType.Log,
                $"GPU scaling: {metric.AxisTitle} vs GPUs, {string.Join(" / ", runs.Select(r => r.Label))}",
                []
            )
        );
    }

    /// <summary>
    /// Step 3: a metric vs K on a log2 axis (ticks at 1, 2, 4, ...). A sensitivity chart: its y axis starts at 0, so a
    /// difference reads against the whole value; the title gives the context (GPUs, load level, N) and the verdict of
    /// <see cref="SuiteAnalysis.BestKVerdict"/> (the best K, or "flat within resolution").
    /// </summary>
    public static GenericChart KSensitivity(DataFrame frame, IMetric metric)
    {
        var series = SuiteSeries.KSensitivity(frame);
        var verdict = SuiteAnalysis.BestKVerdict(series, SuiteAnalysis.RunSeconds(frame, SuiteStep.KSensitivity));
        // The verdict with its numbers, so a reader sees at a glance how much K moves capacity and what the run resolves.
        string numbers = string.Create(
            CultureInfo.InvariantCulture,
            $"capacity spread over K {verdict.Spread:G2} req/s ({IndexHtml.Percent(verdict.RelativeSpread, 2)} % of the highest), resolution {verdict.Resolution:G2} req/s"
        );
        string judged =
            verdict.BestK is { } best
                ? string.Create(CultureInfo.InvariantCulture, $"best K = {best:G} by capacity{(verdict.SingleSeed ? " (one seed)" : "")}: {numbers}")
                    + (verdict.Ties.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; K = {string.Join(", ", verdict.Ties)} within resolution") : "")
            : verdict.Text.StartsWith("flat", StringComparison.Ordinal) ? $"flat within resolution, no best K: {numbers}"
            : "";
        string title =
            $"K sensitivity: {metric.AxisTitle} vs K{Context(frame, SuiteStep.KSensitivity, gpus: true)}"
            + (judged.Length > 0 ? $"<br><sub>{judged}</sub>" : "");
        return PowersOfTwoTicks(
            Lines(
                series,
                metric,
                "bins K (log2 scale)",
                StyleParam.AxisType.Log,
                title,
                References(frame, SuiteStep.KSensitivity, metric, ConfigurationColumns.KBins.Name),
                fromZero: true
            )
        );
    }

    /// <summary>Theorem 4.2: simulated throughput (markers) and the closed form (dashed) against k, one colour per B.</summary>
    public static GenericChart Theory(IReadOnlyList<Experiments.TheoryPoint> points)
    {
        // One colour per B: the simulation solid with markers, the closed form dashed, one legend group.
        var traces = points
            .GroupBy(p => p.BatchSize)
            .OrderBy(g => g.Key)
            .SelectMany(
                (g, family) =>
                    new[]
                    {
                        Family(
                            Chart.Line<double, double, string>(
                                x: g.Select(p => (double)p.K),
                                y: g.Select(p => p.SimulatedThroughput),
                                Name: $"B={g.Key} simulated",
                                ShowMarkers: true
                            ),
                            family,
                            $"B={g.Key}",
                            dashed: false
                        ),
                        Family(
                            Chart.Line<double, double, string>(
                                x: g.Select(p => (double)p.K),
                                y: g.Select(p => p.TheoryThroughput),
                                Name: $"B={g.Key} Theorem 4.2",
                                LineDash: StyleParam.DrawingStyle.Dash
                            ),
                            family,
                            $"B={g.Key}",
                            dashed: true
                        ),
                    }
            );
        return PowersOfTwoTicks(
            Finish(
                    Combine(traces),
                    "bins k (log2 scale)",
                    StyleParam.AxisType.Log,
                    "throughput at saturation (req/s, log scale)",
                    "Theorem 4.2 of arXiv 2412.04504: simulation vs closed form"
                )
                .WithYAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log)
        );
    }

    /// <summary>A predictor sweep's metric against K, one line per predictor (log2 x axis).</summary>
    public static GenericChart PredictorSweep(DataFrame sweep, IMetric? metric = null)
    {
        metric ??= DerivedMetric.GainVersusOneBin;
        int n = (int)sweep.Rows.Count;
        var series = Enumerable
            .Range(0, n)
            .GroupBy(i => (string)sweep.Columns[ConfigurationColumns.Predictor.Name][i])
            .Select(g => new Series(
                g.Key,
                g.Select(i => Convert.ToDouble(sweep.Columns[ConfigurationColumns.KBins.Name][i], System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                new Dictionary<string, IReadOnlyList<double?>>
                {
                    [metric.Name] = g.Select(i =>
                            sweep.Columns[metric.Name][i] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : (double?)null
                        )
                        .ToArray(),
                }
            ))
            .ToArray();
        return PowersOfTwoTicks(
            Lines(series, metric, "bins K (log2 scale)", StyleParam.AxisType.Log, $"Predictor error: {metric.AxisTitle} vs K", [], fromZero: true)
        );
    }

    /// <summary>
    /// Capacity (highest sustained arrival rate within the SLA target) vs GPUs, one line per scheduler; for rows of the
    /// continuous engine (a <c>capacity_criterion</c> column, e.g. <c>slo_attainment&gt;=0.9</c>) the axis names that criterion
    /// and the lines are the policies over replicas.
    /// </summary>
    public static GenericChart CapacityVersusGpus(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        string? criterion =
            frame.Columns.IndexOf(ConfigurationColumns.CapacityCriterion.Name) >= 0
                ? Enumerable
                    .Range(0, (int)frame.Rows.Count)
                    .Select(i => frame.Columns[ConfigurationColumns.CapacityCriterion.Name][i] as string)
                    .FirstOrDefault(c => c is not null)
                : null;
        if (criterion is null)
        {
            return PowersOfTwoTicks(
                Lines(SuiteSeries.Capacity(frame), CapacityAxis, "GPUs (log scale)", StyleParam.AxisType.Log, "Capacity vs GPUs per scheduler", [])
            );
        }

        var axis = new DerivedMetric(
            MetricCatalogue.OfferedLoadRequestsPerSec.Name,
            $"capacity: highest arrival rate with {criterion}",
            "req/s",
            $"The offered load of the highest arrival rate meeting {criterion}."
        );
        return PowersOfTwoTicks(
            Lines(
                SuiteSeries.Capacity(frame),
                axis,
                "replicas (GPUs, log scale)",
                StyleParam.AxisType.Log,
                "Capacity vs replicas per policy (continuous engine)",
                []
            )
        );
    }

    /// <summary>The capacity chart's y axis: the offered load of the highest arrival rate that met the target.</summary>
    private static readonly DerivedMetric CapacityAxis = new(
        MetricCatalogue.OfferedLoadRequestsPerSec.Name,
        "capacity: highest arrival rate within the SLA target",
        "req/s",
        "The offered load of the highest arrival rate whose SLA violation rate met the target."
    );

    /// <summary>
    /// Every run at one workload size as a point: throughput against average latency (log x), one colour per step, with
    /// D_SLA as a vertical line. Runs of different sizes are not comparable on one chart: when the frame holds several,
    /// only the largest N is drawn, and the title says so.
    /// </summary>
    public static GenericChart ThroughputVersusLatency(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (largest, sizes) = LargestSize(frame);
        var series = SuiteSeries.ThroughputVersusLatency(sizes > 1 ? OnlySize(frame, largest!.Value) : frame);
        var traces = series
            .Select(s =>
                Chart.Point<double, double, string>(x: s.X, y: s.Y[MetricCatalogue.ThroughputRequestsPerSec.Name].Select(v => v ?? double.NaN), Name: s.Label)
            )
            .ToList();
        var latencies = series.SelectMany(s => s.X).Where(double.IsFinite).ToArray();
        var throughputs = series.SelectMany(s => s.Y[MetricCatalogue.ThroughputRequestsPerSec.Name]).OfType<double>().Where(double.IsFinite).ToArray();
        if (DSla(frame) is { } dSla && throughputs.Length > 0)
        {
            traces.Add(
                ChartStyle.ReferenceLine(
                    string.Create(CultureInfo.InvariantCulture, $"D_SLA = {dSla:G} s"),
                    dSla,
                    throughputs.Min(),
                    throughputs.Max(),
                    vertical: true
                )
            );
        }

        string scope =
            largest is not { } n ? ""
            : sizes > 1 ? string.Create(CultureInfo.InvariantCulture, $", N = {n:N0} only (the largest of {sizes} workload sizes; smaller N left out)")
            : string.Create(CultureInfo.InvariantCulture, $", N = {n:N0}");
        var chart = Finish(
            Combine(traces),
            "average latency (s, log scale)",
            StyleParam.AxisType.Log,
            MetricCatalogue.ThroughputRequestsPerSec.AxisTitle,
            $"Throughput vs latency across the runs{scope}"
        );
        ChartStyle.ApplyValueAxis(chart, throughputs, fromZero: false);
        return chart;
    }

    /// <summary>A bar per scheduler for one metric of a <see cref="Experiments.SchedulerComparison"/> table.</summary>
    public static GenericChart SchedulerBars(DataFrame comparison, IMetric metric)
    {
        var names = Enumerable.Range(0, (int)comparison.Rows.Count).Select(i => (string)comparison.Columns["scheduler"][i]).ToArray();
        var values = Enumerable
            .Range(0, (int)comparison.Rows.Count)
            .Select(i => Convert.ToDouble(comparison.Columns[metric.Name][i], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var chart = Chart
            .Column<double, string, string>(values: values, Keys: names, Name: metric.Name)
            .WithXAxisStyle<double, double, string>(TitleText: "scheduler")
            .WithYAxisStyle<double, double, string>(TitleText: metric.AxisTitle)
            .Sized("scheduler");
        return Plotly.NET.Chart.withTitle($"Schedulers compared: {metric.AxisTitle}", FSharpOption<Font>.None).Invoke(chart);
    }

    /// <summary>Every chart of the suite for a DataFrame, with the file name it is saved under.</summary>
    public static IReadOnlyList<(string FileName, GenericChart Chart)> All(DataFrame frame)
    {
        // A chart with no rows is not drawn: a grid-only suite has no Step 1-3 rows, and a blank "no data" page says nothing.
        var charts = new List<(string, GenericChart)>();
        var requestScaling = SuiteSeries.RequestScaling(frame);
        var gpuScaling = SuiteSeries.GpuScaling(frame);
        var kSensitivity = SuiteSeries.KSensitivity(frame);
        foreach (var m in SuiteSeries.RequestScalingMetrics.Where(m => HasData(requestScaling, m)))
        {
            charts.Add(($"step1_request_scaling_{m.Name}.html", RequestScaling(frame, m)));
        }

        foreach (var m in SuiteSeries.GpuScalingMetrics.Where(m => HasData(gpuScaling, m)))
        {
            charts.Add(($"step2_gpu_scaling_{m.Name}.html", GpuScaling(frame, m)));
        }

        foreach (var m in SuiteSeries.KSensitivityMetrics.Where(m => HasData(kSensitivity, m)))
        {
            charts.Add(($"step3_kbins_sensitivity_{m.Name}.html", KSensitivity(frame, m)));
        }

        if (SuiteSeries.HasContinuousMetrics(frame))
        {
            foreach (var m in SuiteSeries.ContinuousMetrics)
            {
                if (HasData(gpuScaling, m))
                {
                    charts.Add(($"step2_gpu_scaling_{m.Name}.html", GpuScaling(frame, m)));
                }

                if (HasData(kSensitivity, m))
                {
                    charts.Add(($"step3_kbins_sensitivity_{m.Name}.html", KSensitivity(frame, m)));
                }
            }
        }

        if (SuiteSeries.ThroughputVersusLatency(frame).Any(s => s.X.Any(double.IsFinite)))
        {
            charts.Add(("throughput_vs_latency.html", ThroughputVersusLatency(frame)));
        }

        return charts;
    }

    /// <summary>Whether any series has a value of <paramref name="metric"/> (a chart of it would not be blank).</summary>
    public static bool HasData(IReadOnlyList<Series> series, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(metric);
        return series.Any(s => s.Y.TryGetValue(metric.Name, out var values) && values.Any(v => v is { } d && double.IsFinite(d)));
    }

    /// <summary>
    /// One line per series with its error bars, the reference lines after them; the y axis from zero when
    /// <paramref name="fromZero"/> (sensitivities), else logarithmic when the values span decades (<see cref="ChartStyle.ApplyValueAxis"/>).
    /// </summary>
    private static GenericChart Lines(
        IReadOnlyList<Series> series,
        IMetric metric,
        string xTitle,
        StyleParam.AxisType xAxis,
        string title,
        IReadOnlyList<GenericChart> references,
        bool fromZero = false
    )
    {
        var traces = series
            .Select(s =>
                WithErrorBars(
                    Chart.Line<double, double, string>(x: s.X, y: s.Y[metric.Name].Select(v => v ?? double.NaN), Name: s.Label, ShowMarkers: true),
                    s.YError.GetValueOrDefault(metric.Name)
                )
            )
            .ToList();
        if (traces.Count > 0)
        {
            traces.AddRange(references);
        }

        var chart = Finish(Combine(traces), xTitle, xAxis, metric.AxisTitle, title);
        ChartStyle.ApplyValueAxis(chart, series.SelectMany(s => s.Y[metric.Name]).OfType<double>(), fromZero);
        return chart;
    }

    /// <summary>The latency metrics (seconds, end to end), on whose charts D_SLA is drawn.</summary>
    private static readonly HashSet<string> LatencyMetrics =
    [
        MetricCatalogue.AvgLatency.Name,
        MetricCatalogue.P50Latency.Name,
        MetricCatalogue.P95Latency.Name,
        MetricCatalogue.P99Latency.Name,
        MetricCatalogue.MaxLatency.Name,
    ];

    /// <summary>
    /// The reference lines of a step chart: D_SLA (the rows' one deadline) on end-to-end latency charts, the offered
    /// load (mean over the rows at each x) on capacity-under-SLA charts: the capacity can never exceed it.
    /// </summary>
    private static IReadOnlyList<GenericChart> References(DataFrame frame, int step, IMetric metric, string xColumn)
    {
        var rows = StepRows(frame, step).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }

        var xs = rows.Select(i => Number(frame, xColumn, i)).OfType<double>().ToArray();
        if (LatencyMetrics.Contains(metric.Name) && DSla(frame) is { } dSla && xs.Length > 0)
        {
            return [ChartStyle.ReferenceLine(string.Create(CultureInfo.InvariantCulture, $"D_SLA = {dSla:G} s"), dSla, xs.Min(), xs.Max())];
        }

        string offered = MetricCatalogue.OfferedLoadRequestsPerSec.Name;
        if (metric.Name == MetricCatalogue.CapacityQpsUnderSla.Name && frame.Columns.IndexOf(offered) >= 0)
        {
            var points = rows.Select(i => (X: Number(frame, xColumn, i), Load: Number(frame, offered, i)))
                .Where(p => p.X is not null && p.Load is not null)
                .GroupBy(p => p.X!.Value)
                .OrderBy(g => g.Key)
                .Select(g => (X: g.Key, Load: g.Average(p => p.Load!.Value)))
                .ToArray();
            if (points.Length > 0)
            {
                var line = Chart.Line<double, double, string>(x: points.Select(p => p.X), y: points.Select(p => p.Load), Name: "offered load (req/s)");
                foreach (var trace in GenericChart.getTraces(line))
                {
                    ChartStyle.Colour(trace, ChartStyle.ReferenceColour, null, "dot");
                }

                return [line];
            }
        }

        return [];
    }

    /// <summary>
    /// The context of a step's chart for its title: ", G = 32 GPUs, load high, N = 100,000" (what the rows share; a
    /// part the rows do not share, or do not have, is left out).
    /// </summary>
    private static string Context(DataFrame frame, int step, bool gpus)
    {
        var rows = StepRows(frame, step).ToArray();
        var parts = new List<string>();
        if (gpus && Single(rows.Select(i => Number(frame, ConfigurationColumns.NumGpus.Name, i))) is { } g)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{g:G} GPUs"));
        }

        if (
            frame.Columns.IndexOf(ResultFacets.LoadLevelColumn) >= 0
            && rows.Select(i => frame.Columns[ResultFacets.LoadLevelColumn][i] as string).Distinct().ToArray() is [{ } level]
        )
        {
            parts.Add($"load {level}");
        }

        if (Single(rows.Select(i => Number(frame, MetricCatalogue.NumRequests.Name, i))) is { } n)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"N = {n:N0}"));
        }

        return parts.Count > 0 ? ", " + string.Join(", ", parts) : "";
    }

    private static double? Single(IEnumerable<double?> values) => values.Distinct().ToArray() is [{ } one] ? one : null;

    /// <summary>The D_SLA of the frame's successful rows when they share one, else null.</summary>
    private static double? DSla(DataFrame frame) =>
        frame.Columns.IndexOf(ConfigurationColumns.DSla.Name) < 0
            ? null
            : Single(Enumerable.Range(0, (int)frame.Rows.Count).Where(i => Succeeded(frame, i)).Select(i => Number(frame, ConfigurationColumns.DSla.Name, i)));

    /// <summary>The largest workload size of the successful rows, and how many sizes there are.</summary>
    private static (double? Largest, int Sizes) LargestSize(DataFrame frame)
    {
        var sizes = Enumerable
            .Range(0, (int)frame.Rows.Count)
            .Where(i => Succeeded(frame, i))
            .Select(i => Number(frame, MetricCatalogue.NumRequests.Name, i))
            .OfType<double>()
            .Distinct()
            .ToArray();
        return (sizes.Length > 0 ? sizes.Max() : null, sizes.Length);
    }

    /// <summary>The rows of <paramref name="frame"/> whose workload size is <paramref name="n"/>.</summary>
    private static DataFrame OnlySize(DataFrame frame, double n)
    {
        var keep = new PrimitiveDataFrameColumn<bool>(
            "keep",
            Enumerable.Range(0, (int)frame.Rows.Count).Select(i => Number(frame, MetricCatalogue.NumRequests.Name, i) == n)
        );
        return frame.Filter(keep);
    }

    private static IEnumerable<int> StepRows(DataFrame frame, int step) =>
        Enumerable
            .Range(0, (int)frame.Rows.Count)
            .Where(i => Convert.ToInt32(frame.Columns[ConfigurationColumns.Step.Name][i], CultureInfo.InvariantCulture) == step && Succeeded(frame, i));

    private static bool Succeeded(DataFrame frame, int row) => (string)frame.Columns[ConfigurationColumns.Status.Name][row] == Storage.ResultRow.Success;

    private static double? Number(DataFrame frame, string column, int row) =>
        frame.Columns.IndexOf(column) >= 0 && frame.Columns[column][row] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    /// <summary>A trace of a family: the family's colour (<see cref="ChartStyle.Palette"/>), its legend group, solid or dashed.</summary>
    private static GenericChart Family(GenericChart chart, int family, string group, bool dashed)
    {
        foreach (var trace in GenericChart.getTraces(chart))
        {
            ChartStyle.Colour(trace, ChartStyle.Palette[family % ChartStyle.Palette.Count], group, dashed ? "dash" : "solid");
        }

        return chart;
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
