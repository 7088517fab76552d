using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>Writes the suite's charts to OUT/charts/*.html, rendering offline with plotly.js beside them.</summary>
public static class SuiteChartFiles
{
    public const string FolderName = "charts";

    public static IReadOnlyList<string> Write(IReadOnlyList<ResultRow> rows, string outputFolder)
    {
        // The store holds rows in the order parallel tests finished; charts draw them in a fixed order (same bytes).
        rows = ResultStore.CanonicalOrder(rows);
        var frame = ResultFrames.ToDataFrame(rows);
        var grid = rows.Where(r => r.Step == Experiments.SuiteStep.Grid).ToArray();
        return SuiteCharts
            .All(frame)
            .Select(c => WritePage(outputFolder, c.FileName, c.Chart, ChartFindings.ForSuiteChart(c.FileName, rows, frame)))
            .Concat(WriteParetoCharts(rows, outputFolder))
            .Concat(grid.Length > 0 ? WriteHeatmaps(grid, outputFolder) : [])
            .ToArray();
    }

    /// <summary>
    /// One Pareto page per suite step whose successful rows have the metrics: throughput vs p95 latency
    /// (<c>pareto_STEPNAME_throughput_vs_p95_latency.html</c>, every engine) and, where rows hold TTFT and TBT
    /// (continuous engine), p90 TTFT vs p99 TBT (<c>pareto_STEPNAME_ttft_vs_tbt.html</c>). Per step, so that each
    /// chart compares configurations of one workload plan. Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> WriteParetoCharts(IReadOnlyList<ResultRow> rows, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var written = new List<string>();
        foreach (var step in rows.Where(r => r.Succeeded).GroupBy(r => r.Step).OrderBy(g => g.Key))
        {
            var stepRows = step.ToArray();
            string name = stepRows[0].GetString(ConfigurationColumns.StepName.Name) ?? $"step{step.Key}";
            if (stepRows.Any(r => Has(r, MetricCatalogue.ThroughputRequestsPerSec) && Has(r, MetricCatalogue.P95Latency)))
            {
                written.Add(
                    WritePage(
                        outputFolder,
                        $"pareto_{name}_throughput_vs_p95_latency.html",
                        ParetoChart.ThroughputVersusP95Latency(stepRows),
                        ChartFindings.Frontier(stepRows, MetricCatalogue.ThroughputRequestsPerSec, Goal.Maximize, MetricCatalogue.P95Latency, Goal.Minimize)
                    )
                );
            }

            if (stepRows.Any(r => Has(r, MetricCatalogue.P90Ttft) && Has(r, MetricCatalogue.P99Tbt)))
            {
                written.Add(
                    WritePage(
                        outputFolder,
                        $"pareto_{name}_ttft_vs_tbt.html",
                        ParetoChart.TtftVersusTbt(stepRows),
                        ChartFindings.Frontier(stepRows, MetricCatalogue.P90Ttft, Goal.Minimize, MetricCatalogue.P99Tbt, Goal.Minimize)
                    )
                );
            }
        }

        return written;
    }

    /// <summary>
    /// The GPUs x K heatmaps of <paramref name="rows"/> (for example a grid step's), one page per load level
    /// (<see cref="MetricHeatmap.Charts(IReadOnlyList{ResultRow}, IMetric?, Func{ResultRow, string?}?)"/>): the SLA
    /// violation rate unless <paramref name="metric"/> is given, facets by <see cref="ResultFacets.LoadLevel"/> unless
    /// <paramref name="facet"/> is given. Returns the files written (none when no row has GPUs and K).
    /// </summary>
    public static IReadOnlyList<string> WriteHeatmaps(
        IReadOnlyList<ResultRow> rows,
        string outputFolder,
        IMetric? metric = null,
        Func<ResultRow, string?>? facet = null
    ) => MetricHeatmap.ChartsWithFindings(rows, metric, facet).Select(c => WritePage(outputFolder, c.FileName, c.Chart, c.Finding)).ToArray();

    private static bool Has(ResultRow row, IMetric metric) =>
        row[metric.Name] is { } v && double.IsFinite(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Writes one chart as OUT/charts/FILE (atomically), with plotly.js beside it, titled by the chart's title and with
    /// its <paramref name="finding"/> (when given) under it; returns the path.
    /// </summary>
    public static string WritePage(string outputFolder, string fileName, Plotly.NET.GenericChart chart, string? finding = null)
    {
        string folder = Path.Combine(outputFolder, FolderName);
        Directory.CreateDirectory(folder);
        ChartHtml.WritePlotlyScript(folder);
        string path = Path.Combine(folder, fileName);
        string id = Path.GetFileNameWithoutExtension(fileName).Replace('_', '-');
        AtomicFile.WriteAllText(path, ChartHtml.Page(chart, ChartHtml.TitleOf(chart) ?? id, id, finding: finding));
        return path;
    }
}
