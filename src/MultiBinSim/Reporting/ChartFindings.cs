using System.Globalization;
using Microsoft.Data.Analysis;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// The finding of a chart in one sentence, computed from the rows it is drawn from with the suite's own rules
/// (<see cref="SuiteAnalysis"/>'s 10 % crossing, best GPU count and K verdict, <see cref="SuitePlanner.Optimal"/>,
/// <see cref="ParetoFrontier"/>): what the chart shows, never more than its numbers support. Written on each chart page
/// and on the results folder's <c>index.html</c>.
/// </summary>
public static class ChartFindings
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The finding of a chart of <see cref="SuiteCharts.All"/> by its file name, or null for an unknown name.</summary>
    public static string? ForSuiteChart(string fileName, IReadOnlyList<ResultRow> rows, DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(frame);
        string name = Path.GetFileNameWithoutExtension(fileName);
        if (name == "throughput_vs_latency")
        {
            return Frontier(rows, MetricCatalogue.ThroughputRequestsPerSec, Goal.Maximize, MetricCatalogue.AvgLatency, Goal.Minimize);
        }

        foreach (
            var (prefix, finding) in new (string, Func<IMetric, string>)[]
            {
                ("step1_request_scaling_", m => RequestScaling(frame, m)),
                ("step2_gpu_scaling_", m => GpuScaling(frame, m)),
                ("step3_kbins_sensitivity_", m => KSensitivity(frame, m)),
            }
        )
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && Metric(name[prefix.Length..]) is { } metric)
            {
                return finding(metric);
            }
        }

        return null;
    }

    /// <summary>Step 1: where the SLA violation rate first exceeds 10 % per configuration, else the metric at the largest N.</summary>
    public static string RequestScaling(DataFrame frame, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var series = SuiteSeries.RequestScaling(frame);
        if (metric.Name != MetricCatalogue.SlaViolationRate.Name)
        {
            return AtLargestX(series, metric, "N", x => Whole(x));
        }

        double largest = series.SelectMany(s => s.X).DefaultIfEmpty(0).Max();
        var parts = series
            .Select(s =>
                SuiteAnalysis.FirstAbove(s, metric.Name, SuiteAnalysis.ViolationThreshold) is { } n
                    ? $"{s.Label} from N = {Whole(n)}"
                    : $"{s.Label} never (up to N = {Whole(s.X.DefaultIfEmpty(largest).Max())})"
            )
            .ToArray();
        return parts.Length == 0 ? "No Step 1 rows." : $"The SLA violation rate exceeds {SuiteAnalysis.ViolationThreshold:P0} for {string.Join("; ", parts)}.";
    }

    /// <summary>Step 2: the best GPU count by capacity under SLA, the knee of the violation rate, else the metric from the fewest to the most GPUs.</summary>
    public static string GpuScaling(DataFrame frame, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var series = SuiteSeries.GpuScaling(frame);
        if (metric.Name == MetricCatalogue.CapacityQpsUnderSla.Name && SuiteAnalysis.BestX(series) is { } best)
        {
            var (label, value) = series
                .SelectMany(s => s.X.Select((x, i) => (s.Label, X: x, Y: s.Y[metric.Name][i])))
                .Where(p => p.X == best && p.Y is not null)
                .OrderByDescending(p => p.Y)
                .Select(p => (p.Label, p.Y))
                .First();
            return $"Capacity under SLA is highest at {Units(best, "GPUs")} ({Value(metric, value)}, {label}): the suite's best GPU count (analysis.json best_gpu_count). "
                + FromTo(series, metric, "GPUs");
        }

        if (metric.Name == MetricCatalogue.SlaViolationRate.Name)
        {
            var rows = ResultFrames.FromDataFrame(frame, "results").Where(r => r.Step == SuiteStep.GpuScaling);
            var (gpus, reason) = SuitePlanner.KneeGpuCount(rows);
            return $"Knee: {Units(gpus, "GPUs")} ({reason}). " + FromTo(series, metric, "GPUs");
        }

        return FromTo(series, metric, "GPUs");
    }

    /// <summary>
    /// Step 3: where <paramref name="metric"/> is lowest and highest over K (one configuration), then the K verdict
    /// (<see cref="SuiteAnalysis.KVerdictOf"/>, as analysis.json's best_k_verdict), which judges by capacity under SLA.
    /// </summary>
    public static string KSensitivity(DataFrame frame, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        string text = SuiteAnalysis.KVerdictOf(frame).Text;
        string verdict = text.Length > 0 ? "K verdict: " + text + "." : "";
        var series = SuiteSeries.KSensitivity(frame);
        if (metric.Name == MetricCatalogue.CapacityQpsUnderSla.Name || series.Count != 1)
        {
            return verdict;
        }

        var s = series[0];
        var points = s
            .X.Select((x, i) => (X: x, Y: s.Y.TryGetValue(metric.Name, out var v) ? v[i] : null))
            .Where(p => p.Y is { } y && double.IsFinite(y))
            .ToArray();
        if (points.Length == 0)
        {
            return verdict;
        }

        var low = points.MinBy(p => p.Y);
        var high = points.MaxBy(p => p.Y);
        return $"{Capitalized(metric.Title)} of {s.Label} is lowest at K = {Whole(low.X)} ({Value(metric, low.Y)}) and highest at K = {Whole(high.X)} ({Value(metric, high.Y)}). {verdict}".TrimEnd();
    }

    /// <summary>A capacity sweep: the capacity per scheduler at the largest GPU count, and the configurations that met no rate.</summary>
    public static string Capacity(DataFrame frame)
    {
        var series = SuiteSeries.Capacity(frame);
        var capacity = new DerivedMetric(
            MetricCatalogue.OfferedLoadRequestsPerSec.Name,
            "capacity",
            "req/s",
            "The highest arrival rate meeting the criterion."
        );
        string sentence = AtLargestX(series, capacity, "GPUs", x => Whole(x));
        var zero = series.SelectMany(s => s.X.Select((x, i) => (s.Label, X: x, Y: s.Y[capacity.Name][i]))).Where(p => p.Y == 0).ToArray();
        return zero.Length == 0
            ? sentence
            : sentence + $" No arrival rate met the criterion for {string.Join(", ", zero.Select(p => $"{p.Label} at {Units(p.X, "GPUs")}"))} (capacity 0).";
    }

    /// <summary>
    /// A predictor sweep (<see cref="Experiments.PredictorSweep"/>) drawn by <paramref name="metric"/> against K: per predictor, the K
    /// where the metric is highest, in the sweep's predictor order; then the highest of all.
    /// </summary>
    public static string Predictors(DataFrame sweep, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(metric);
        var points = Enumerable
            .Range(0, (int)sweep.Rows.Count)
            .Select(i =>
                (
                    Predictor: (string)sweep.Columns[ConfigurationColumns.Predictor.Name][i],
                    K: Convert.ToDouble(sweep.Columns[ConfigurationColumns.KBins.Name][i], C),
                    Y: sweep.Columns[metric.Name][i] is { } v ? Convert.ToDouble(v, C) : (double?)null
                )
            )
            .Where(p => p.Y is { } y && double.IsFinite(y))
            .ToArray();
        if (points.Length == 0)
        {
            return $"No {metric.Title} values.";
        }

        var best = points.GroupBy(p => p.Predictor).Select(g => g.MaxBy(p => p.Y)).ToArray();
        var top = best.MaxBy(p => p.Y);
        return $"{Capitalized(metric.Title)} is highest at {string.Join("; ", best.Select(p => $"K = {Whole(p.K)} for {p.Predictor} ({Value(metric, p.Y)})"))}. "
            + $"Highest of all: {top.Predictor} at K = {Whole(top.K)}.";
    }

    /// <summary>
    /// A GPUs x K heatmap's cells: for the SLA violation rate the optimal configuration (<see cref="SuitePlanner.Optimal"/>),
    /// else where the metric is lowest and highest.
    /// </summary>
    public static string Heatmap(IReadOnlyList<ResultRow> cells, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Name == MetricCatalogue.SlaViolationRate.Name && SuitePlanner.Optimal(cells) is { } optimal)
        {
            return optimal.Fallback
                ? $"No configuration keeps the SLA violation rate at or below {SuitePlanner.OptimalViolationRate:P0}; the lowest is {Percent(optimal.SlaViolationRate)} at {optimal.Gpus} GPUs, K = {optimal.K} (boxed)."
                : $"Optimal configuration (boxed): {optimal.Gpus} GPUs, K = {optimal.K}, SLA violation rate {Percent(optimal.SlaViolationRate)}: the fewest GPUs with a violation rate at or below {SuitePlanner.OptimalViolationRate:P0}, then the K of lowest violation.";
        }

        var points = cells.Where(r => r.Succeeded).Select(r => (Row: r, V: Number(r, metric.Name))).Where(p => p.V is not null).ToArray();
        if (points.Length == 0)
        {
            return $"No cell has a {metric.Title}.";
        }

        var low = points.MinBy(p => p.V)!;
        var high = points.MaxBy(p => p.V)!;
        return $"{Capitalized(metric.Title)} ranges from {Value(metric, low.V)} ({Configuration(low.Row)}) to {Value(metric, high.V)} ({Configuration(high.Row)}).";
    }

    /// <summary>
    /// A Pareto frontier of <paramref name="x"/> and <paramref name="y"/> over the successful rows at the largest workload
    /// size (as <see cref="ParetoChart.Draw(IReadOnlyList{ResultRow}, IMetric, Goal, IMetric, Goal, string)"/> draws it):
    /// how many runs no other run beats on both, and which.
    /// </summary>
    public static string Frontier(IReadOnlyList<ResultRow> rows, IMetric x, Goal xGoal, IMetric y, Goal yGoal)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var points = rows.Where(r => r.Succeeded)
            .Select(r => (Row: r, X: Number(r, x.Name), Y: Number(r, y.Name)))
            .Where(p => p.X is { } a && double.IsFinite(a) && p.Y is { } b && double.IsFinite(b))
            .ToArray();
        var sizes = points.Select(p => Size(p.Row)).OfType<long>().Distinct().Order().ToArray();
        if (sizes.Length > 1)
        {
            points = points.Where(p => Size(p.Row) == sizes[^1]).ToArray();
        }

        if (points.Length == 0)
        {
            return "No run has both values.";
        }

        var frontier = ParetoFrontier
            .Indices(points.Select(p => p.X!.Value).ToArray(), points.Select(p => p.Y!.Value).ToArray(), xGoal, yGoal)
            .Select(i => points[i])
            .OrderBy(p => p.X)
            .ToArray();
        string size = sizes.Length > 0 ? $"At N = {Whole(sizes[^1])}, " : "";
        string better(Goal g) => g == Goal.Maximize ? "higher" : "lower";
        var shown = frontier.Take(6).Select(p => $"{Configuration(p.Row)} ({Value(x, p.X)}, {Value(y, p.Y)})").ToArray();
        string more = frontier.Length > shown.Length ? $" and {frontier.Length - shown.Length} more" : "";
        return $"{size}{frontier.Length} of {points.Length} runs {(frontier.Length == 1 ? "is" : "are")} on the frontier (no other run has both {better(xGoal)} {x.Title} and {better(yGoal)} {y.Title}): {string.Join("; ", shown)}{more}.";
    }

    /// <summary>With one series, its value at the fewest and the most x; with several, their range at the largest x.</summary>
    private static string FromTo(IReadOnlyList<Series> series, IMetric metric, string xName)
    {
        if (series.Count != 1)
        {
            return AtLargestX(series, metric, xName, x => Whole(x));
        }

        var s = series[0];
        var points = s.X.Select((x, i) => (X: x, Y: s.Y[metric.Name][i])).Where(p => p.Y is not null).ToArray();
        return points.Length == 0
            ? $"No {metric.Title} values."
            : $"{Capitalized(metric.Title)} of {s.Label} goes from {Value(metric, points[0].Y)} at {Units(points[0].X, xName)} to {Value(metric, points[^1].Y)} at {Units(points[^1].X, xName)}.";
    }

    /// <summary>The metric's range over the series at the largest x that has values (the highest and lowest series).</summary>
    private static string AtLargestX(IReadOnlyList<Series> series, IMetric metric, string xName, Func<double, string> formatX)
    {
        var points = series
            .SelectMany(s => s.X.Select((x, i) => (s.Label, X: x, Y: s.Y.TryGetValue(metric.Name, out var v) ? v[i] : null)))
            .Where(p => p.Y is { } y && double.IsFinite(y))
            .ToArray();
        if (points.Length == 0)
        {
            return $"No {metric.Title} values.";
        }

        double largest = points.Max(p => p.X);
        string where = xName == "N" ? $"At N = {formatX(largest)}" : $"At {Units(largest, xName)}";
        var at = points.Where(p => p.X == largest).ToArray();
        if (at.Length == 1)
        {
            return $"{where}, {metric.Title} is {Value(metric, at[0].Y)} ({at[0].Label}).";
        }

        var high = at.MaxBy(p => p.Y);
        var low = at.MinBy(p => p.Y);
        return $"{where}, {metric.Title} ranges from {Value(metric, low.Y)} ({low.Label}) to {Value(metric, high.Y)} ({high.Label}) over {at.Length} configurations.";
    }

    /// <summary>"multi_bin_dynamic, 4 GPUs, K = 8" (plus the load level when the row has one).</summary>
    public static string Configuration(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string gpus = row.Get<int>(ConfigurationColumns.NumGpus.Name) is { } g ? Units(g, "GPUs") : "- GPUs";
        string text = $"{row.GetString(ConfigurationColumns.SchedulerType.Name)}, {gpus}, K = {Whole(row.Get<int>(ConfigurationColumns.KBins.Name))}";
        return ResultFacets.LoadLevel(row) is { } level ? $"{text}, load {level}" : text;
    }

    /// <summary>A value with its unit: a fraction as a percentage, else the number and unit.</summary>
    public static string Value(IMetric metric, double? value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Unit == "fraction" ? Percent(value)
            : metric.Unit is { Length: > 0 } unit && !unit.Contains(' ', StringComparison.Ordinal) ? $"{IndexHtml.Number(value)} {unit}"
            : IndexHtml.Number(value);
    }

    private static string Percent(double? fraction) => fraction is null ? "-" : IndexHtml.Percent(fraction) + " %";

    private static string Whole(double? value) =>
        value is { } v && v == Math.Round(v) && Math.Abs(v) < 1e15 ? ((long)v).ToString("N0", C) : IndexHtml.Number(value);

    /// <summary>"1 GPU", "4 GPUs".</summary>
    private static string Units(double count, string plural) => count == 1 && plural.EndsWith('s') ? $"1 {plural[..^1]}" : $"{Whole(count)} {plural}";

    private static string Capitalized(string text) => text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static IMetric? Metric(string name) =>
        (IMetric?)MetricCatalogue.Find(name) ?? (name == DerivedMetric.ScalingEfficiency.Name ? DerivedMetric.ScalingEfficiency : null);

    private static double? Number(ResultRow row, string column) => row[column] is { } v ? Convert.ToDouble(v, C) : null;

    private static long? Size(ResultRow row) =>
        (row[MetricCatalogue.NumRequests.Name] ?? row[ConfigurationColumns.NumRequestsRequested.Name]) is { } v ? Convert.ToInt64(v, C) : null;
}
