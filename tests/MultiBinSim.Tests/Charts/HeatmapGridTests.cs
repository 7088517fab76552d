using System.Text.Json;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Tests.Charts;

/// <summary>How result rows become GPUs x K heatmap matrices: axis order, empty cells, seeds, facets, and the drawn figure.</summary>
public class HeatmapGridTests
{
    private static readonly IMetric Violation = MetricCatalogue.SlaViolationRate;

    [Fact]
    public void Axes_are_in_numeric_order_and_missing_cells_are_null_not_zero()
    {
        var rows = new[]
        {
            ChartRows.Violation(100, 1, 0.0),
            ChartRows.Violation(16, 1, 0.2),
            ChartRows.Violation(2, 8, 0.3),
            ChartRows.Violation(4, 2, 0.4),
            ChartRows.Violation(1, 1, 0.9),
            ChartRows.Violation(4, 8, 0.7, status: ResultRow.Failed), // failed: its cell stays empty
        };
        var grid = Assert.Single(HeatmapGrid.Build(rows, Violation));
        Assert.Null(grid.Facet);
        Assert.Equal([1, 2, 4, 16, 100], grid.Gpus); // numeric, not "1", "100", "16", "2", "4"
        Assert.Equal([1, 2, 8], grid.K);
        double?[][] expected =
        [
            [0.9, null, null, 0.2, 0.0], // K = 1: a measured 0 stays 0
            [null, null, 0.4, null, null], // K = 2
            [null, 0.3, null, null, null], // K = 8 (the failed G = 4 run is not a value)
        ];
        Assert.Equal(expected, grid.Values);
        Assert.Null(grid.Hover[1][0]);
        Assert.Contains("GPUs: 4<br>K: 2<br>scheduler: multi_bin_dynamic", grid.Hover[1][2]);
        Assert.Contains("requests: 1000", grid.Hover[1][2]);
    }

    [Fact]
    public void Several_seeds_in_one_cell_give_their_mean()
    {
        var rows = new[] { ChartRows.Violation(2, 4, 0.1, seed: 1), ChartRows.Violation(2, 4, 0.3, seed: 2), ChartRows.Violation(2, 4, 0.2, seed: 3) };
        var grid = Assert.Single(HeatmapGrid.Build(rows, Violation));
        Assert.Equal(0.2, grid.Values[0][0]!.Value, 12);
        Assert.Contains("(mean of 3 runs)", grid.Hover[0][0]);
    }

    [Fact]
    public void Load_levels_are_facets_in_reading_order_on_shared_axes()
    {
        var rows = new[]
        {
            ChartRows.Violation(1, 1, 0.5, "high"),
            ChartRows.Violation(8, 4, 0.05, "low"),
            ChartRows.Violation(1, 1, 0.3, "medium"),
            ChartRows.Violation(8, 1, 0.01, "low"),
        };
        var grids = HeatmapGrid.Build(rows, Violation);
        Assert.Equal(["low", "medium", "high"], grids.Select(g => g.Facet));
        Assert.All(grids, g => Assert.Equal([1, 8], g.Gpus));
        Assert.All(grids, g => Assert.Equal([1, 4], g.K));
        Assert.Equal(
            [
                [null, 0.01],
                [null, 0.05],
            ],
            grids[0].Values
        );
        Assert.Equal(
            [
                [0.5, null],
                [null, null],
            ],
            grids[2].Values
        );
        Assert.Contains("load level: high", grids[2].Hover[0][0]);

        // A caller's own selector (for example level and workload size) replaces the default.
        var bySeed = HeatmapGrid.Build(rows, Violation, r => r.Get<int>("num_gpus") == 8 ? "big" : null);
        Assert.Equal([null, "big"], bySeed.Select(g => g.Facet));
    }

    [Fact]
    public void Several_workload_sizes_get_a_facet_each_rather_than_a_shared_cell()
    {
        var rows = new[]
        {
            ChartRows.Row(1, 1, new Dictionary<string, double> { ["sla_violation_rate"] = 0.9 }, "low", requests: 1_000_000),
            ChartRows.Row(1, 1, new Dictionary<string, double> { ["sla_violation_rate"] = 0.1 }, "low", requests: 1_000),
            ChartRows.Row(1, 1, new Dictionary<string, double> { ["sla_violation_rate"] = 0.5 }, "low", requests: 10_000),
            ChartRows.Row(1, 1, new Dictionary<string, double> { ["sla_violation_rate"] = 0.95 }, "high", requests: 1_000),
        };
        var grids = HeatmapGrid.Build(rows, Violation);
        Assert.Equal(["low, N=1000", "low, N=10000", "low, N=1000000", "high, N=1000"], grids.Select(g => g.Facet)); // N numeric within a level
        Assert.Equal([0.1, 0.5, 0.9, 0.95], grids.Select(g => g.Values[0][0]!.Value));
        Assert.Contains("load level: low<br>requests: 1000000", grids[2].Hover[0][0]);
        Assert.Equal("heatmap_sla_violation_rate_low_N1000000.html", MetricHeatmap.Charts(rows)[2].FileName);
    }

    [Fact]
    public void The_figure_has_categorical_axes_a_titled_colour_bar_blank_gaps_and_responsive_sizing()
    {
        var rows = new[] { ChartRows.Violation(16, 1, 0.2, "low"), ChartRows.Violation(2, 2, 0.1, "low"), ChartRows.Violation(16, 2, 0.6, "high") };
        var charts = MetricHeatmap.Charts(rows);
        Assert.Equal(["heatmap_sla_violation_rate_low.html", "heatmap_sla_violation_rate_high.html"], charts.Select(c => c.FileName));
        var figure = JsonDocument.Parse(GenericChart.toFigureJson(charts[0].Chart)).RootElement;
        var trace = figure.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(["2", "16"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("z")[0][0].ValueKind); // G=2, K=1: no run
        Assert.Equal(0.2, trace.GetProperty("z")[0][1].GetDouble());
        Assert.Equal("SLA violation rate (fraction)", trace.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(0.0, trace.GetProperty("zmin").GetDouble()); // a rate: the same colour range on every level, whatever the data
        Assert.Equal(1.0, trace.GetProperty("zmax").GetDouble());
        Assert.Contains("%{text}", trace.GetProperty("hovertemplate").GetString());
        var layout = figure.GetProperty("layout");
        Assert.Equal("category", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("GPUs", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("bins K", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        ResearchChartsTests.AssertResponsive(charts[0].Chart);

        // Another metric's colour range spans the data of both levels.
        var latencies = new[]
        {
            ChartRows.Row(16, 1, new Dictionary<string, double> { ["p95_latency"] = 2 }, "low"),
            ChartRows.Row(2, 2, new Dictionary<string, double> { ["p95_latency"] = 40 }, "high"),
        };
        var latency = MetricHeatmap
            .Charts(latencies, MetricCatalogue.P95Latency)
            .Select(c => JsonDocument.Parse(GenericChart.toFigureJson(c.Chart)).RootElement.GetProperty("data")[0])
            .ToArray();
        Assert.All(latency, t => Assert.Equal((2.0, 40.0), (t.GetProperty("zmin").GetDouble(), t.GetProperty("zmax").GetDouble())));

        // Without levels: one chart, no facet in the name.
        Assert.Equal("heatmap_sla_violation_rate.html", Assert.Single(MetricHeatmap.Charts([ChartRows.Violation(1, 1, 0.1)])).FileName);
        // The DataFrame overload reads the same rows (as ResultStore.Load returns them).
        Assert.Equal(2, MetricHeatmap.Charts(ResultFrames.ToDataFrame(rows)).Count);
    }
}
