using MultiBinSim.Reporting;
using Newtonsoft.Json;
using Plotly.NET;

namespace MultiBinSim.Tests.Charts;

/// <summary>Reference equality in Plotly.NET's loop check writes the same JSON as its deep structural equality.</summary>
public class PlotlySerializationTests
{
    [Fact]
    public void Reference_equality_writes_the_same_chart_json_as_plotly_nets_own_settings()
    {
        PlotlySerialization.Configure();
        Assert.Same(System.Collections.Generic.ReferenceEqualityComparer.Instance, Globals.JSON_CONFIG.EqualityComparer);

        // Plotly.NET's settings as shipped: the same object with the default (Equals-based) loop check.
        var shipped = new JsonSerializerSettings(Globals.JSON_CONFIG) { EqualityComparer = null };
        var rows = new[]
        {
            ChartRows.Row(
                1,
                1,
                new Dictionary<string, double> { ["throughput_requests_per_sec"] = 10, ["p95_latency"] = 1.0 },
                scheduler: "static_fifo",
                step: 2
            ),
            ChartRows.Row(8, 8, new Dictionary<string, double> { ["throughput_requests_per_sec"] = 40, ["p95_latency"] = 2.0 }, step: 3, level: "high"),
        };
        var chart = ParetoChart.ThroughputVersusP95Latency(rows);
        // The template is where the deep hash cost; the chart's own objects are where a wrong loop check would show.
        foreach (
            object part in new object[]
            {
                GenericChart.getTraces(chart),
                GenericChart.getLayout(chart),
                GenericChart.getConfig(chart),
                Defaults.DefaultTemplate,
            }
        )
        {
            string expected = JsonConvert.SerializeObject(part, shipped);
            Assert.Equal(expected, JsonConvert.SerializeObject(part, Globals.JSON_CONFIG));
            Assert.True(expected.Length > 2);
        }
    }
}
