using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Tests.Experiments;

public class SuiteChartsTests
{
    private static ResultRow Row(int step, string scheduler, int n, int gpus, int k, double capacity, double violation, string status = ResultRow.Success)
    {
        var values = new object?[ResultSchema.Columns.Count];
        void Set(string name, object? value) => values[ResultSchema.IndexOf(name)] = value;
        Set("test_key", $"{step}-{scheduler}-{n}-{gpus}-{k}");
        Set("step", step);
        Set("step_name", SuiteStep.Name(step));
        Set("scheduler_type", scheduler);
        Set("num_requests", n);
        Set("num_gpus", gpus);
        Set("k_bins", k);
        Set("capacity_qps_under_sla", capacity);
        Set("sla_violation_rate", violation);
        Set("avg_latency", 0.5 * gpus);
        Set("p95_latency", 1.0 * k);
        Set("avg_gpu_utilization", 0.9);
        Set("throughput_requests_per_sec", capacity * 1.1);
        Set("status", status);
        return new ResultRow(values);
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    [Fact]
    public void Request_scaling_draws_one_line_per_configuration_on_a_log_axis()
    {
        var frame = ResultFrames.ToDataFrame([
            Row(1, "static_fifo", 1000, 1, 1, 5, 0.01),
            Row(1, "static_fifo", 10000, 1, 1, 4, 0.2),
            Row(1, "multi_bin_dynamic", 1000, 2, 4, 9, 0.0),
            Row(1, "multi_bin_dynamic", 10000, 2, 4, 8, 0.05),
            Row(1, "multi_bin_dynamic", 100000, 2, 4, 0, 0, ResultRow.Failed),
        ]);
        var figure = Figure(SuiteCharts.RequestScaling(frame, MetricCatalogue.CapacityQpsUnderSla));
        var traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["multi_bin_dynamic G=2", "static_fifo G=1"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1000.0, 10000.0], traces[0].GetProperty("x").EnumerateArray().Select(x => x.GetDouble())); // failed run left out
        Assert.Equal([9.0, 8.0], traces[0].GetProperty("y").EnumerateArray().Select(x => x.GetDouble()));
        var layout = figure.GetProperty("layout");
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Contains("req/s", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("requests N", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Gpu_scaling_efficiency_is_relative_to_the_one_gpu_run()
    {
        var frame = ResultFrames.ToDataFrame([
            Row(2, "multi_bin_dynamic", 1000, 1, 4, 10, 0.5),
            Row(2, "multi_bin_dynamic", 1000, 2, 4, 16, 0.2),
            Row(2, "multi_bin_dynamic", 1000, 4, 4, 20, 0.0),
        ]);
        var series = SuiteSeries.GpuScaling(frame).Single();
        Assert.Equal([1.0, 0.8, 0.5], series.Y["scaling_efficiency"]);
        var figure = Figure(SuiteCharts.GpuScaling(frame, DerivedMetric.ScalingEfficiency));
        Assert.Equal("log", figure.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal(4.0, SuiteAnalysis.BestX([series]));
    }

    [Fact]
    public void Every_kit_chart_takes_its_containers_width_and_titles_its_legend()
    {
        var frame = ResultFrames.ToDataFrame([Row(2, "multi_bin_dynamic", 1000, 1, 4, 10, 0.5), Row(2, "multi_bin_dynamic", 1000, 2, 4, 16, 0.2)]);
        var reproduction = ReproductionChartRenderer.Render(
            MultiBinSim.Experiments.Reproductions.ReproductionCharts.Lines(
                "t",
                "x (s)",
                "y (req/s)",
                [new MultiBinSim.Experiments.Reproductions.ChartLine("a", [1.0], [2.0])]
            )
        );
        foreach (var (chart, legend) in new[] { (SuiteCharts.GpuScaling(frame, MetricCatalogue.SlaViolationRate), "configuration"), (reproduction, "series") })
        {
            var json = JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;
            var layout = json.GetProperty("layout");
            Assert.False(layout.TryGetProperty("width", out _));
            Assert.True(layout.GetProperty("autosize").GetBoolean());
            Assert.Equal(legend, layout.GetProperty("legend").GetProperty("title").GetProperty("text").GetString());
            Assert.Contains("\"responsive\":true", GenericChart.toChartHTML(chart).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gpu_scaling_of_several_runs_keeps_each_run_on_its_own_labelled_line()
    {
        var batch = ResultFrames.ToDataFrame([Row(2, "multi_bin_dynamic", 1000, 1, 4, 10, 0.5), Row(2, "multi_bin_dynamic", 1000, 2, 4, 16, 0.2)]);
        var continuous = ResultFrames.ToDataFrame([Row(2, "multi_bin_dynamic", 1000, 1, 4, 3, 0.9), Row(2, "multi_bin_dynamic", 1000, 2, 4, 7, 0.6)]);
        var figure = Figure(SuiteCharts.GpuScalingCompared([("batch", batch), ("continuous", continuous)], MetricCatalogue.SlaViolationRate));
        var traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["batch: multi_bin_dynamic K=4", "continuous: multi_bin_dynamic K=4"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.9, 0.6], traces[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Contains("batch / continuous", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void K_sensitivity_and_trade_off_charts_have_their_traces()
    {
        var frame = ResultFrames.ToDataFrame([
            Row(3, "multi_bin_dynamic", 1000, 8, 1, 10, 0.3),
            Row(3, "multi_bin_dynamic", 1000, 8, 2, 12, 0.2),
            Row(3, "multi_bin_dynamic", 1000, 8, 4, 12, 0.1),
            Row(1, "static_fifo", 1000, 1, 1, 5, 0.01),
        ]);
        var k = Figure(SuiteCharts.KSensitivity(frame, MetricCatalogue.P95Latency));
        Assert.Equal([1.0, 2.0, 4.0], k.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        var xAxis = k.GetProperty("layout").GetProperty("xaxis");
        Assert.Equal("log", xAxis.GetProperty("type").GetString());
        Assert.Equal(Math.Log10(2), xAxis.GetProperty("dtick").GetDouble(), 12); // ticks at powers of two
        Assert.Equal(4.0, SuiteAnalysis.BestX(SuiteSeries.KSensitivity(frame))); // equal capacity: lower violation wins
        var tradeOff = Figure(SuiteCharts.ThroughputVersusLatency(frame));
        Assert.Equal(["kbins_sensitivity", "request_scaling"], tradeOff.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public void Chart_pages_render_offline_and_are_byte_stable()
    {
        var frame = ResultFrames.ToDataFrame([Row(1, "static_fifo", 1000, 1, 1, 5, 0.01)]);
        string a = ChartHtml.Page(SuiteCharts.RequestScaling(frame, MetricCatalogue.SlaViolationRate), "t", "chart-1");
        string b = ChartHtml.Page(SuiteCharts.RequestScaling(frame, MetricCatalogue.SlaViolationRate), "t", "chart-1");
        Assert.Equal(a, b);
        Assert.Contains($"<script src=\"{ChartHtml.PlotlyFileName}\">", a);
        Assert.DoesNotContain("cdn.", a, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", a);
        Assert.Contains("Plotly.newPlot", ChartHtml.PlotlyScript()[..0] + a);
        Assert.True(ChartHtml.PlotlyScript().Length > 1_000_000);
    }
}
