using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Tests.Charts;

/// <summary>
/// The chart rules of issue #20, read from the charts' JSON: sensitivity axes from zero with their context and verdict,
/// log axes across decades, one colour per family (solid simulated, dashed closed form), identical series said so,
/// reference lines, heatmaps on a fixed rate scale with the optimum and the 5 % boundary, one workload size per
/// frontier, and no chart file without rows.
/// </summary>
public class ChartRulesTests
{
    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static JsonElement[] Traces(JsonElement figure) => figure.GetProperty("data").EnumerateArray().ToArray();

    private static string Title(JsonElement figure) => figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;

    private static string? AxisType(JsonElement figure, string axis) =>
        figure.GetProperty("layout").GetProperty(axis).TryGetProperty("type", out var type) ? type.GetString() : null;

    private static Dictionary<string, double> Metrics(
        double capacity,
        double violation,
        double avgLatency = 1,
        double p95 = 2,
        double totalTime = 100,
        double dSla = 1
    ) =>
        new()
        {
            [MetricCatalogue.CapacityQpsUnderSla.Name] = capacity,
            [MetricCatalogue.SlaViolationRate.Name] = violation,
            [MetricCatalogue.AvgLatency.Name] = avgLatency,
            [MetricCatalogue.P95Latency.Name] = p95,
            [MetricCatalogue.ThroughputRequestsPerSec.Name] = capacity,
            [MetricCatalogue.TotalTime.Name] = totalTime,
            [MetricCatalogue.AvgGpuUtilization.Name] = 0.5,
            ["d_sla"] = dSla,
        };

    private static ResultRow KRow(int k, double capacity, double violation, int seed = 42, double totalTime = 100) =>
        ChartRows.Row(8, k, Metrics(capacity, violation, totalTime: totalTime), step: SuiteStep.KSensitivity, seed: seed, requests: 20_000);

    [Fact]
    public void K_sensitivity_starts_at_zero_and_its_title_gives_gpus_n_and_the_verdict()
    {
        var frame = ResultFrames.ToDataFrame([KRow(1, 10.0, 0.30), KRow(2, 12.0, 0.20), KRow(4, 11.0, 0.25)]);
        var figure = Figure(SuiteCharts.KSensitivity(frame, MetricCatalogue.SlaViolationRate));
        Assert.Equal("tozero", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("rangemode").GetString());
        Assert.NotEqual("log", AxisType(figure, "yaxis"));
        string title = Title(figure);
        Assert.Contains("8 GPUs", title);
        Assert.Contains("N = 20,000", title);
        Assert.Contains("best K = 2", title); // 2 req/s of spread, one request over 100 s resolves 0.01 req/s
    }

    [Fact]
    public void A_k_curve_flatter_than_one_request_over_the_run_names_no_best_k()
    {
        // Capacities 10.000..10.004 req/s over a 100 s run: one request more or less is 0.01 req/s.
        var frame = ResultFrames.ToDataFrame([KRow(1, 10.000, 0.0044), KRow(2, 10.004, 0.0043), KRow(4, 10.002, 0.0043)]);
        var verdict = SuiteAnalysis.BestKVerdict(SuiteSeries.KSensitivity(frame), SuiteAnalysis.RunSeconds(frame, SuiteStep.KSensitivity));
        Assert.False(verdict.Resolved);
        Assert.Null(verdict.BestK);
        Assert.StartsWith("flat within resolution", verdict.Text);
        Assert.Equal(2.0, SuiteAnalysis.BestX(SuiteSeries.KSensitivity(frame))); // the number itself is unchanged
        Assert.Contains("flat within resolution, no best K", Title(Figure(SuiteCharts.KSensitivity(frame, MetricCatalogue.CapacityQpsUnderSla))));
        Assert.Equal(verdict.Text, SuiteAnalysis.KVerdictOf(frame).Text); // the frame form the notebooks print
        Assert.DoesNotContain("best K =", SuiteAnalysis.KVerdictOf(frame).Text);

        // The same spread over a 10,000 s run (resolution 0.0001 req/s) is resolved.
        var longRun = ResultFrames.ToDataFrame([
            KRow(1, 10.000, 0.0044, totalTime: 10_000),
            KRow(2, 10.004, 0.0043, totalTime: 10_000),
            KRow(4, 10.002, 0.0043, totalTime: 10_000),
        ]);
        var resolved = SuiteAnalysis.BestKVerdict(SuiteSeries.KSensitivity(longRun), SuiteAnalysis.RunSeconds(longRun, SuiteStep.KSensitivity));
        Assert.True(resolved.Resolved);
        Assert.Equal(2.0, resolved.BestK);
        Assert.Equal(resolved, SuiteAnalysis.KVerdictOf(longRun) with { Ties = resolved.Ties });
        Assert.StartsWith("best K = 2 by capacity under SLA", SuiteAnalysis.KVerdictOf(longRun).Text);
        Assert.Contains("one seed, so whether this exceeds seed-to-seed variation is not measured", resolved.Text);

        // analysis.json names no best K for the flat curve, and K = 2 for the resolved one.
        static System.Text.Json.JsonElement KSection(IReadOnlyList<ResultRow> rows) =>
            System
                .Text.Json.JsonDocument.Parse(
                    SuiteAnalysis.ToJson(
                        rows,
                        new RunManifest("test", null, "synthetic", "sha", true, 2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new SuiteOptions())
                    )
                )
                .RootElement.GetProperty("kbins_sensitivity");
        var flat = KSection([KRow(1, 10.000, 0.0044), KRow(2, 10.004, 0.0043), KRow(4, 10.002, 0.0043)]);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, flat.GetProperty("best_k").ValueKind);
        Assert.False(flat.GetProperty("best_k_resolved").GetBoolean());
        Assert.StartsWith("flat within resolution", flat.GetProperty("best_k_verdict").GetString());
        var sharp = KSection([
            KRow(1, 10.000, 0.0044, totalTime: 10_000),
            KRow(2, 10.004, 0.0043, totalTime: 10_000),
            KRow(4, 10.002, 0.0043, totalTime: 10_000),
        ]);
        Assert.Equal(2.0, sharp.GetProperty("best_k").GetDouble());
    }

    [Fact]
    public void With_seeds_overlapping_confidence_intervals_name_no_best_k()
    {
        // Two seeds per K whose values cross: the 95 % intervals overlap.
        var noisy = ResultFrames.ToDataFrame([KRow(1, 10, 0.1, seed: 1), KRow(1, 12, 0.1, seed: 2), KRow(2, 11, 0.1, seed: 1), KRow(2, 13, 0.1, seed: 2)]);
        var verdict = SuiteAnalysis.BestKVerdict(SuiteSeries.KSensitivity(noisy), SuiteAnalysis.RunSeconds(noisy, SuiteStep.KSensitivity));
        Assert.False(verdict.Resolved);
        Assert.Contains("confidence intervals", verdict.Text);

        var clear = ResultFrames.ToDataFrame([KRow(1, 10, 0.1, seed: 1), KRow(1, 10.1, 0.1, seed: 2), KRow(2, 20, 0.1, seed: 1), KRow(2, 20.1, 0.1, seed: 2)]);
        var sharp = SuiteAnalysis.BestKVerdict(SuiteSeries.KSensitivity(clear), SuiteAnalysis.RunSeconds(clear, SuiteStep.KSensitivity));
        Assert.Equal(2.0, sharp.BestK);
        Assert.DoesNotContain("one seed", sharp.Text); // with seeds the intervals are the resolution
    }

    [Fact]
    public void Values_across_decades_get_a_log_axis_and_latency_charts_draw_d_sla()
    {
        ResultRow Gpu(int gpus, double latency) => ChartRows.Row(gpus, 4, Metrics(gpus, 0.1, avgLatency: latency), step: SuiteStep.GpuScaling);
        var wide = Figure(SuiteCharts.GpuScaling(ResultFrames.ToDataFrame([Gpu(1, 1400), Gpu(2, 300), Gpu(4, 0.8)]), MetricCatalogue.AvgLatency));
        Assert.Equal("log", AxisType(wide, "yaxis"));
        Assert.Contains("log scale", wide.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var dSla = Assert.Single(Traces(wide), t => t.GetProperty("name").GetString() == "D_SLA = 1 s");
        Assert.Equal([1.0, 1.0], dSla.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("dot", dSla.GetProperty("line").GetProperty("dash").GetString());

        var narrow = Figure(SuiteCharts.GpuScaling(ResultFrames.ToDataFrame([Gpu(1, 3), Gpu(2, 2), Gpu(4, 1)]), MetricCatalogue.AvgLatency));
        Assert.NotEqual("log", AxisType(narrow, "yaxis"));

        Assert.True(ChartStyle.SpansDecades([0.039, 1.2])); // 1.49 decades
        Assert.False(ChartStyle.SpansDecades([0.1, 1.0, 2.0]));
        Assert.False(ChartStyle.SpansDecades([0, 1, 1000])); // a log axis cannot show 0
    }

    [Fact]
    public void Capacity_charts_draw_the_offered_load()
    {
        ResultRow Gpu(int gpus, double capacity)
        {
            var metrics = Metrics(capacity, 0.1);
            metrics[MetricCatalogue.OfferedLoadRequestsPerSec.Name] = 40;
            return ChartRows.Row(gpus, 4, metrics, step: SuiteStep.GpuScaling);
        }

        var figure = Figure(SuiteCharts.GpuScaling(ResultFrames.ToDataFrame([Gpu(1, 2), Gpu(2, 10), Gpu(4, 30)]), MetricCatalogue.CapacityQpsUnderSla));
        var offered = Assert.Single(Traces(figure), t => t.GetProperty("name").GetString() == "offered load (req/s)");
        Assert.Equal([40.0, 40.0, 40.0], offered.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void A_family_shares_one_colour_solid_simulated_and_dashed_closed_form()
    {
        double[] x = [1, 2, 4];
        var spec = ReproductionCharts.Lines(
            "t",
            "k",
            "throughput (req/s)",
            [
                new ChartLine("k=1 simulated", x, [1.0, 1.1, 1.2], Family: "k=1"),
                new ChartLine("k=1 closed form", x, [1.05, 1.05, 1.05], Dashed: true, Family: "k=1"),
                new ChartLine("k=2 simulated", x, [2.0, 2.1, 2.2], Family: "k=2"),
                new ChartLine("k=2 closed form", x, [2.05, 2.05, 2.05], Dashed: true, Family: "k=2"),
            ]
        );
        var traces = Traces(Figure(ReproductionChartRenderer.Render(spec)));
        string Colour(int i) => traces[i].GetProperty("line").GetProperty("color").GetString()!;
        string Dash(int i) => traces[i].GetProperty("line").GetProperty("dash").GetString()!;
        Assert.Equal(Colour(0), Colour(1));
        Assert.Equal(Colour(2), Colour(3));
        Assert.NotEqual(Colour(0), Colour(2));
        Assert.Equal(["solid", "dash", "solid", "dash"], Enumerable.Range(0, 4).Select(Dash));
        Assert.Equal(["k=1", "k=1", "k=2", "k=2"], traces.Select(t => t.GetProperty("legendgroup").GetString()));
        Assert.Equal(Colour(0), traces[0].GetProperty("marker").GetProperty("color").GetString());

        // The theory chart of the suite kit follows the same rule, per B.
        var theory = Traces(
            Figure(
                SuiteCharts.Theory([
                    new TheoryPoint(1, 8, 1, 2, 5, 5.1),
                    new TheoryPoint(2, 8, 1, 2, 6, 6.1),
                    new TheoryPoint(1, 32, 1, 2, 7, 7.1),
                    new TheoryPoint(2, 32, 1, 2, 8, 8.1),
                ])
            )
        );
        Assert.Equal(theory[0].GetProperty("line").GetProperty("color").GetString(), theory[1].GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(theory[0].GetProperty("line").GetProperty("color").GetString(), theory[2].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(["solid", "dash", "solid", "dash"], theory.Select(t => t.GetProperty("line").GetProperty("dash").GetString()));
    }

    [Fact]
    public void A_series_equal_to_another_says_so_and_stays_visible()
    {
        double[] x = [1, 2, 3];
        var traces = Traces(
            Figure(
                ReproductionChartRenderer.Render(
                    ReproductionCharts.Lines(
                        "t",
                        "x",
                        "y (req/s)",
                        [
                            new ChartLine("dynamic", x, [1.0, 2.0, 3.0], Family: "dynamic"),
                            new ChartLine("fixed", x, [1.0, 2.0, 3.0], Family: "fixed"),
                            new ChartLine("other", x, [1.0, 2.0, 3.5], Family: "other"),
                        ]
                    )
                )
            )
        );
        Assert.Equal(["dynamic", "fixed (identical to dynamic)", "other"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("circle-open", traces[1].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.True(traces[1].GetProperty("opacity").GetDouble() < 1);

        // A simulation at a few points lying on a dense closed form is identical to it there.
        double[] dense = [1, 2, 3, 4, 5];
        var onCurve = Traces(
            Figure(
                ReproductionChartRenderer.Render(
                    ReproductionCharts.Lines(
                        "t",
                        "b",
                        "step (ms)",
                        [
                            new ChartLine("tau(b)", dense, dense.Select(b => 30 + 0.22 * b).ToArray(), Dashed: true, Family: "step"),
                            new ChartLine("simulated", [2.0, 4.0], [30 + 0.22 * 2, 30 + 0.22 * 4], Family: "step"),
                        ]
                    )
                )
            )
        );
        Assert.Equal("simulated (identical to tau(b))", onCurve[1].GetProperty("name").GetString());

        double[] samples = [0.1, 0.2, 0.5, 1.0];
        var cdf = Traces(Figure(CdfChart.Draw([("vllm", samples), ("sarathi", samples.ToArray()), ("static", [0.3, 0.9])], CdfChart.RequestTtft, "TTFT")));
        Assert.Equal(["vllm", "sarathi (identical to vllm)", "static"], cdf.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("dot", cdf[1].GetProperty("line").GetProperty("dash").GetString());
        // Methods that nearly coincide: each later line narrower, so the earlier one shows on both sides of it.
        var widths = cdf.Select(t => t.GetProperty("line").GetProperty("width").GetDouble()).ToArray();
        Assert.True(widths[0] > widths[1] && widths[1] > widths[2], string.Join(", ", widths));
    }

    [Fact]
    public void Heatmaps_of_a_rate_share_zero_to_one_write_values_and_mark_the_optimum_and_the_five_percent_boundary()
    {
        var rows = new[] { "low", "high" }
            .SelectMany(level =>
                new[]
                {
                    ChartRows.Violation(1, 1, level == "low" ? 0.30 : 0.90, level),
                    ChartRows.Violation(1, 4, level == "low" ? 0.20 : 0.80, level),
                    ChartRows.Violation(2, 1, level == "low" ? 0.04 : 0.60, level),
                    ChartRows.Violation(2, 4, level == "low" ? 0.03 : 0.50, level),
                }
            )
            .ToArray();
        var charts = MetricHeatmap.Charts(rows);
        Assert.Equal(2, charts.Count);
        foreach (var (_, chart) in charts)
        {
            var figure = Figure(chart);
            var heatmap = Traces(figure)[0];
            Assert.Equal(0.0, heatmap.GetProperty("zmin").GetDouble());
            Assert.Equal(1.0, heatmap.GetProperty("zmax").GetDouble());
            Assert.Contains("%{z", heatmap.GetProperty("texttemplate").GetString());
            Assert.Contains("N = 1,000", Title(figure));
        }

        var low = Figure(charts.Single(c => c.FileName.Contains("low", StringComparison.Ordinal)).Chart);
        Assert.Contains("load level low", Title(low));
        var shapes = low.GetProperty("layout").GetProperty("shapes").EnumerateArray().ToArray();
        // The optimum (2 GPUs, K = 4: the fewest GPUs within 5 %, then the lowest violation) boxed: GPU index 1, K index 1.
        var box = Assert.Single(shapes, s => s.GetProperty("type").GetString() == "rect");
        Assert.Equal([0.5, 0.5, 1.5, 1.5], new[] { "x0", "y0", "x1", "y1" }.Select(p => box.GetProperty(p).GetDouble()));
        // The boundary of the 2-GPU column (both K within 5 %): its left side (2 segments) and the grid's edges (4 more).
        var boundary = shapes.Where(s => s.GetProperty("type").GetString() == "line").ToArray();
        Assert.Equal(6, boundary.Length);
        Assert.Equal(2, boundary.Count(s => s.GetProperty("x0").GetDouble() == 0.5 && s.GetProperty("x1").GetDouble() == 0.5));

        var high = Figure(charts.Single(c => c.FileName.Contains("high", StringComparison.Ordinal)).Chart);
        Assert.DoesNotContain(high.GetProperty("layout").GetProperty("shapes").EnumerateArray(), s => s.GetProperty("type").GetString() == "line"); // none within 5 %
        Assert.Contains("no configuration within 5 %", Title(high));
    }

    [Fact]
    public void A_pareto_frontier_holds_one_workload_size_and_says_which()
    {
        ResultRow Run(int gpus, int requests, double throughput, double p95) =>
            ChartRows.Row(
                gpus,
                4,
                new Dictionary<string, double>
                {
                    [MetricCatalogue.ThroughputRequestsPerSec.Name] = throughput,
                    [MetricCatalogue.P95Latency.Name] = p95,
                    ["d_sla"] = 1,
                },
                step: SuiteStep.RequestScaling,
                requests: requests
            );
        var figure = Figure(
            ParetoChart.ThroughputVersusP95Latency([Run(1, 1000, 50, 0.2), Run(2, 1000, 90, 0.1), Run(1, 100_000, 5, 8000), Run(2, 100_000, 9, 0.3)])
        );
        Assert.Contains("N = 100,000 only (the largest of 2 workload sizes", Title(figure));
        var points = Traces(figure).Single(t => t.GetProperty("name").GetString() == "multi_bin_dynamic");
        Assert.Equal([5.0, 9.0], points.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("log", AxisType(figure, "yaxis")); // 0.3 s .. 8,000 s
        Assert.Contains(Traces(figure), t => t.GetProperty("name").GetString() == "D_SLA = 1 s");
    }

    [Fact]
    public void A_grid_only_suite_writes_no_chart_without_rows_and_the_same_bytes_twice()
    {
        using var tmp = new TempFiles();
        var rows = new[] { 1, 2, 4 }
            .SelectMany(g =>
                new[] { 1, 4 }.Select(k => ChartRows.Row(g, k, Metrics(g * k, 0.5 / g, avgLatency: 10.0 / g, p95: 20.0 / g), step: SuiteStep.Grid))
            )
            .ToArray();
        var written = SuiteChartFiles.Write(rows, tmp.Folder);
        var files = Directory
            .GetFiles(Path.Combine(tmp.Folder, SuiteChartFiles.FolderName), "*.html")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(files, written.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(files, f => f!.StartsWith("step", StringComparison.Ordinal));
        Assert.Contains("heatmap_sla_violation_rate.html", files);
        foreach (string file in written)
        {
            Assert.DoesNotContain("\"no data\"", File.ReadAllText(file));
        }

        var first = written.ToDictionary(f => f, File.ReadAllText);
        SuiteChartFiles.Write(rows.Reverse().ToArray(), tmp.Folder);
        Assert.All(first, f => Assert.Equal(f.Value, File.ReadAllText(f.Key)));
    }

    [Fact]
    public void The_suite_lists_only_charts_with_rows()
    {
        var steps12 = ResultFrames.ToDataFrame([
            ChartRows.Row(1, 4, Metrics(3, 0.1), step: SuiteStep.RequestScaling),
            ChartRows.Row(2, 4, Metrics(5, 0.05), step: SuiteStep.GpuScaling),
        ]);
        var names = SuiteCharts.All(steps12).Select(c => c.FileName).ToArray();
        Assert.Contains("step1_request_scaling_capacity_qps_under_sla.html", names);
        Assert.Contains("step2_gpu_scaling_avg_latency.html", names);
        Assert.DoesNotContain(names, n => n.StartsWith("step3", StringComparison.Ordinal));
    }
}
