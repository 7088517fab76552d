using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;
using Plotly.NET;

namespace MultiBinSim.Tests.Charts;

/// <summary>The Pareto and CDF figures: their traces, axes with units, legend titles, hover text and container sizing.</summary>
public class ResearchChartsTests
{
    /// <summary>The chart is sized by its container: responsive config, autosize layout, no fixed width.</summary>
    internal static void AssertResponsive(GenericChart chart)
    {
        var layout = JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement.GetProperty("layout");
        Assert.True(layout.GetProperty("autosize").GetBoolean());
        Assert.False(layout.TryGetProperty("width", out _));
        string html = GenericChart.toChartHTML(chart);
        Assert.Contains("\"responsive\":true", html.Replace(" ", ""));
        Assert.DoesNotContain("width:", ChartHtml.Fragment(chart, "x").Split("<script")[0].Replace(" ", "")); // the div has no pixel width either
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static Dictionary<string, double> Batch(double throughput, double p95) =>
        new() { [MetricCatalogue.ThroughputRequestsPerSec.Name] = throughput, [MetricCatalogue.P95Latency.Name] = p95 };

    [Fact]
    public void Pareto_draws_every_run_and_joins_the_non_dominated_ones()
    {
        var rows = new[]
        {
            ChartRows.Row(1, 1, Batch(10, 1.0), scheduler: "static_fifo", step: 2),
            ChartRows.Row(2, 1, Batch(20, 2.0), scheduler: "static_fifo", step: 2),
            ChartRows.Row(4, 8, Batch(15, 3.0), step: 3), // dominated by (20, 2)
            ChartRows.Row(8, 8, Batch(40, 2.0), step: 3, level: "high"), // dominates (20, 2)
            ChartRows.Row(16, 8, Batch(5, 0.5), step: 3),
            ChartRows.Row(32, 8, Batch(99, 0.1), step: 3, status: MultiBinSim.Storage.ResultRow.Failed), // failed: not drawn
        };
        var chart = ParetoChart.ThroughputVersusP95Latency(rows);
        var figure = Figure(chart);
        var traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["multi_bin_dynamic", "static_fifo", "Pareto frontier"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(3, traces[0].GetProperty("x").GetArrayLength());
        var frontier = traces[2];
        Assert.Equal([5.0, 10.0, 40.0], frontier.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([0.5, 1.0, 2.0], frontier.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        string hover = frontier.GetProperty("text")[2].GetString()!;
        Assert.Contains("scheduler: multi_bin_dynamic<br>GPUs: 8<br>K: 8", hover);
        Assert.Contains("load level: high", hover);
        Assert.Contains("throughput (req/s): 40", hover);
        var layout = figure.GetProperty("layout");
        Assert.StartsWith("throughput (req/s)", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.StartsWith("p95 latency (s)", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(layout.GetProperty("legend").GetProperty("title").GetProperty("text").GetString()));
        AssertResponsive(chart);
    }

    [Fact]
    public void Continuous_pareto_reads_ttft_and_tbt_columns_and_skips_rows_without_them()
    {
        var rows = new[]
        {
            ChartRows.Row(1, 1, new Dictionary<string, double> { ["p90_ttft"] = 0.2, ["p99_tbt"] = 0.05 }, scheduler: "vllm"),
            ChartRows.Row(2, 1, new Dictionary<string, double> { ["p90_ttft"] = 0.1, ["p99_tbt"] = 0.08 }, scheduler: "sarathi"),
            ChartRows.Row(4, 1, new Dictionary<string, double> { ["p90_ttft"] = 0.3, ["p99_tbt"] = 0.09 }, scheduler: "orca"),
            ChartRows.Row(8, 1, Batch(10, 1)), // a batch-engine row: no TTFT, not drawn
        };
        var traces = Figure(ParetoChart.TtftVersusTbt(rows)).GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["orca", "sarathi", "vllm", "Pareto frontier"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.1, 0.2], traces[3].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Cdf_points_are_the_empirical_distribution()
    {
        var (x, y) = CdfChart.Points([3.0, 1, 2, double.NaN, 4]);
        Assert.Equal([1.0, 2, 3, 4], x);
        Assert.Equal([0.25, 0.5, 0.75, 1.0], y);
        var many = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        var (mx, my) = CdfChart.Points(many);
        Assert.Equal(CdfChart.MaxPoints, mx.Length);
        Assert.Equal((1.0, 0.001), (mx[0], my[0]));
        Assert.Equal((1000.0, 1.0), (mx[^1], my[^1]));
        Assert.True(mx.Zip(mx.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Batch_request_latencies_average_to_the_runs_avg_latency_and_draw_one_line_per_method()
    {
        var series = new List<(string, double[])>();
        foreach (var scheduler in new[] { "static_fifo", "multi_bin_dynamic" })
        {
            var outcome = SingleRun.Execute(
                new RunSpec
                {
                    Workload = new WorkloadOptions { Requests = 2_000 },
                    Simulation = new SimulationConfig
                    {
                        Gpus = 2,
                        Scheduler = new MultiBinSim.Scheduling.SchedulerOptions { Scheduler = MultiBinSim.Scheduling.Schedulers.Parse(scheduler), K = 4 },
                    },
                }
            );
            var latencies = RequestLatencies.EndToEnd(outcome.Workload, outcome.Result.Timeline!);
            Assert.Equal(outcome.Result.Metrics.NumCompleted, latencies.Length);
            Assert.Equal(outcome.Result.Metrics.AvgLatency, latencies.Average(), 9);
            Assert.Equal(outcome.Result.Metrics.MaxLatency, latencies.Max(), 12);
            series.Add((scheduler, latencies));
        }

        var chart = CdfChart.Draw(series, CdfChart.RequestLatency, "Request latency");
        var figure = Figure(chart);
        Assert.Equal(["static_fifo", "multi_bin_dynamic"], figure.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Contains("method: multi_bin_dynamic<br>request latency", figure.GetProperty("data")[1].GetProperty("text")[0].GetString());
        var layout = figure.GetProperty("layout");
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Contains("(s)", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("method", layout.GetProperty("legend").GetProperty("title").GetProperty("text").GetString());
        AssertResponsive(chart);
    }

    [Fact]
    public async Task The_suite_writes_a_pareto_page_per_step_and_heatmaps_are_one_call_away()
    {
        using var temp = new TempFiles();
        var options = new SuiteOptions
        {
            Steps = [2, 3],
            MaxRequests = 2_000,
            MaxGpus = 2,
            OutputFolder = temp.Folder,
            Parallelism = 2,
        };
        await new SuiteRunner(options, charts: new SuiteChartWriter()).RunAsync();
        string charts = Path.Combine(temp.Folder, SuiteChartFiles.FolderName);
        Assert.True(File.Exists(Path.Combine(charts, "pareto_gpu_scaling_throughput_vs_p95_latency.html")));
        Assert.True(File.Exists(Path.Combine(charts, "pareto_kbins_sensitivity_throughput_vs_p95_latency.html")));
        Assert.Empty(Directory.GetFiles(charts, "pareto_*_ttft_vs_tbt.html")); // batch engine: no TTFT
        Assert.Contains("Pareto frontier", File.ReadAllText(Path.Combine(charts, "pareto_gpu_scaling_throughput_vs_p95_latency.html")));

        // The lead's grid wiring: one call on the grid's rows (here Step 3's K sweep at one GPU count, no levels yet).
        var rows = MultiBinSim.Storage.ResultStore.LoadRows(temp.Folder).Where(r => r.Step == 3).ToArray();
        var heatmaps = SuiteChartFiles.WriteHeatmaps(rows, temp.Folder);
        Assert.Equal(Path.Combine(charts, "heatmap_sla_violation_rate.html"), Assert.Single(heatmaps));
    }
}
