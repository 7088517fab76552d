using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Tests.Charts;

/// <summary>
/// Every chart kind, written as <c>mbsim</c> writes chart files (plotly.js beside the page), renders in headless
/// Chromium without a JavaScript error and with something drawn; and the checks do catch broken pages.
/// </summary>
[NeedsChromium]
public class ChartRenderingTests
{
    public static TheoryData<string> Kinds() =>
        ["heatmap", "heatmap-with-gaps", "pareto-batch", "pareto-continuous", "cdf-latency", "cdf-ttft-tpot", "suite-gpu-scaling"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Chart_renders_without_errors_and_draws_its_data(string kind)
    {
        HeadlessChromium.Require();
        using var temp = new TempFiles();
        string page = SuiteChartFiles.WritePage(temp.Folder, kind + ".html", Build(kind));
        Assert.Empty(HeadlessChromium.Problems(page, temp.Folder));
    }

    [Fact]
    public void A_javascript_error_on_the_page_is_reported()
    {
        HeadlessChromium.Require();
        using var temp = new TempFiles();
        string page = SuiteChartFiles.WritePage(temp.Folder, "broken.html", Build("pareto-batch"));
        File.WriteAllText(page, File.ReadAllText(page).Replace("</body>", "<script>notAFunction();</script></body>"));
        var problems = HeadlessChromium.Problems(page, temp.Folder);
        Assert.Contains(problems, p => p.StartsWith("JavaScript errors", StringComparison.Ordinal) && p.Contains("notAFunction", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_whose_plotly_script_is_missing_is_reported_as_an_error_and_an_empty_page()
    {
        HeadlessChromium.Require();
        using var temp = new TempFiles();
        string page = temp.Write("no-plotly.html", ChartHtml.Page(Build("cdf-latency"), "no plotly", "no-plotly")); // plotly.js not written beside it
        var problems = HeadlessChromium.Problems(page, temp.Folder);
        Assert.Contains(problems, p =>
            p.Contains("failed to load", StringComparison.Ordinal) && p.Contains(ChartHtml.PlotlyFileName, StringComparison.Ordinal)
        );
        Assert.Contains(problems, p => p.Contains("Plotly is not defined", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Plotly drew no plot", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("the screenshot is blank", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chart_without_data_is_reported_as_an_empty_plot()
    {
        HeadlessChromium.Require();
        using var temp = new TempFiles();
        string page = SuiteChartFiles.WritePage(temp.Folder, "empty.html", ParetoChart.ThroughputVersusP95Latency([]));
        var problems = HeadlessChromium.Problems(page, temp.Folder);
        Assert.Equal(["the plot is empty: no marker, line or heatmap image in the SVG"], problems); // axes drawn, no error, nothing plotted
    }

    /// <summary>Each chart kind from hand-made rows or samples (shapes as the suite, grid and continuous engine give them).</summary>
    private static GenericChart Build(string kind)
    {
        switch (kind)
        {
            case "heatmap":
            case "heatmap-with-gaps":
                var rows = new List<ResultRow>();
                foreach (var level in new[] { "low", "high" })
                {
                    foreach (int g in new[] { 1, 2, 4, 8, 16, 32, 64, 100 })
                    {
                        foreach (int k in new[] { 1, 2, 4, 8, 16, 32 })
                        {
                            if (kind == "heatmap-with-gaps" && (g + k) % 5 == 0) // (1, 4), (4, 1), (2, 8), ... left empty
                            {
                                continue;
                            }

                            rows.Add(ChartRows.Violation(g, k, Math.Min(1, (level == "high" ? 8.0 : 1.0) / (g * Math.Sqrt(k))), level));
                        }
                    }
                }

                return MetricHeatmap.Charts(rows)[^1].Chart;
            case "pareto-batch":
                return ParetoChart.ThroughputVersusP95Latency([
                    .. Enumerable
                        .Range(0, 7)
                        .Select(i =>
                            ChartRows.Row(
                                1 << i,
                                1 + i % 3,
                                new Dictionary<string, double> { ["throughput_requests_per_sec"] = 10 * (i + 1), ["p95_latency"] = 0.5 + Math.Abs(3 - i) },
                                scheduler: i % 2 == 0 ? "static_fifo" : "multi_bin_dynamic"
                            )
                        ),
                ]);
            case "pareto-continuous":
                return ParetoChart.TtftVersusTbt([
                    .. Enumerable
                        .Range(0, 6)
                        .Select(i =>
                            ChartRows.Row(
                                1 + i,
                                1,
                                new Dictionary<string, double> { ["p90_ttft"] = 0.1 * (i + 1), ["p99_tbt"] = 0.08 / (i + 1) + 0.01 * (i % 2) },
                                scheduler: i % 3 == 0 ? "vllm" : "sarathi"
                            )
                        ),
                ]);
            case "cdf-latency":
                return CdfChart.Draw(
                    [("static_fifo", Exponential(2.0)), ("multi_bin_dynamic K=8", Exponential(0.7))],
                    CdfChart.RequestLatency,
                    "Request latency by method"
                );
            case "cdf-ttft-tpot":
                return CdfChart.Draw(
                    [("vllm", Exponential(0.05)), ("sarathi", Exponential(0.08)), ("orca", Exponential(0.2))],
                    CdfChart.RequestTtft,
                    "TTFT by policy"
                );
            case "suite-gpu-scaling":
                return SuiteCharts.GpuScaling(
                    ResultFrames.ToDataFrame([
                        .. new[] { (1, 0.5), (2, 0.2), (4, 0.01) }.Select(p =>
                            ChartRows.Row(p.Item1, 4, new Dictionary<string, double> { ["sla_violation_rate"] = p.Item2 }, step: 2)
                        ),
                    ]),
                    MetricCatalogue.SlaViolationRate
                );
            default:
                throw new ArgumentException($"No chart kind '{kind}'.", nameof(kind));
        }
    }

    /// <summary>1,000 exponential quantiles with the given mean (deterministic samples).</summary>
    private static double[] Exponential(double mean) => [.. Enumerable.Range(0, 1000).Select(i => -mean * Math.Log(1 - (i + 0.5) / 1000))];
}
