using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using MultiBinSim.Notebooks;

namespace MultiBinSim.Tests.Notebooks;

/// <summary>
/// Static images beside chart outputs, without a browser: a fake renderer stands in for Chromium. Which outputs get an
/// image, that the HTML is untouched, and that the verifier compares chart data but not image bytes, while flagging a
/// chart committed without an image.
/// </summary>
public class ChartImagesTests
{
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    /// <summary>A chart output as Plotly.NET's notebook formatter writes it (CDN script, a GUID element id).</summary>
    public static string ChartHtml(
        string data = "[{\"type\":\"scatter\",\"x\":[1.0,2.0],\"y\":[3.0,4.0]}]",
        string layout = "{\"height\":520,\"title\":{\"text\":\"t\"}}"
    )
    {
        string id = Guid.NewGuid().ToString();
        return $$$"""
            <div><div id="{{{id}}}"><!-- Plotly chart will be drawn inside this DIV --></div><script type="text/javascript">
            var renderPlotly_{{{id.Replace("-", "")}}} = function() {
                var fsharpPlotlyRequire = requirejs.config({context:'fsharp-plotly',paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}}) || require;
                fsharpPlotlyRequire(['plotly'], function(Plotly) {
                    var data = {{{data}}};
                    var layout = {{{layout}}};
                    var config = {"responsive":true};
                    Plotly.newPlot('{{{id}}}', data, layout, config);
                });
            };
            </script></div>
            """.Replace("\r\n", "\n");
    }

    private static string Output(string outputType, Dictionary<string, object> data) =>
        JsonSerializer.Serialize(
            outputType == "execute_result"
                ? new Dictionary<string, object>
                {
                    ["output_type"] = outputType,
                    ["execution_count"] = 1,
                    ["data"] = data,
                    ["metadata"] = new { },
                }
                : new Dictionary<string, object>
                {
                    ["output_type"] = outputType,
                    ["data"] = data,
                    ["metadata"] = new { },
                }
        );

    private static string Cell(params string[] outputs) =>
        "{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {\"dotnet_interactive\": {\"language\": \"csharp\"}}, \"outputs\": ["
        + string.Join(",", outputs)
        + "], \"source\": \"Chart()\"}";

    private static Dictionary<string, object> Chart(string? png = null, string? html = null)
    {
        var data = new Dictionary<string, object> { ["text/html"] = html ?? ChartHtml(), ["text/plain"] = "GenericChart" };
        if (png is not null)
        {
            data[ChartImages.PngMimeType] = png;
        }

        return data;
    }

    private static InteractiveDocument Document(params string[] cells)
    {
        using var tmp = new TempFiles();
        return NotebookFile.Load(tmp.Write("nb.ipynb", NotebookFixtures.Notebook(cells)));
    }

    private sealed class FakeRenderer(Func<PlotlyChart, ChartImage>? draw = null) : IChartRenderer
    {
        public List<(PlotlyChart Chart, (int, int) Size)> Calls { get; } = [];

        public Task<IReadOnlyList<ChartImage>> RenderAsync(IReadOnlyList<PlotlyChart> charts, ChartImageSize size, CancellationToken cancellation)
        {
            Calls.AddRange(charts.Select(c => (c, size.For(c))));
            return Task.FromResult<IReadOnlyList<ChartImage>>(charts.Select(c => draw?.Invoke(c) ?? new ChartImage(TinyPng, null)).ToList());
        }
    }

    [Fact]
    public async Task Every_chart_output_gets_a_png_in_its_own_bundle_and_keeps_its_html()
    {
        string table = "<table><tr><th>x</th></tr><tr><td>1</td></tr></table>";
        var document = Document(
            Cell(Output("execute_result", Chart())),
            Cell(
                Output("display_data", new Dictionary<string, object> { ["text/html"] = table, ["text/plain"] = "x" }),
                "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"Plotly.newPlot\"}"
            ),
            Cell(Output("display_data", Chart()), Output("display_data", Chart()))
        );
        var htmlBefore = ChartImages.Find(document).Select(f => f.Bundle["text/html"].ToString()).ToList();
        var renderer = new FakeRenderer();

        var report = await ChartImages.AttachAsync(document, renderer, new ChartImageSize(640, 360), TestContext.Current.CancellationToken);

        Assert.Equal(new ChartImageReport(3, 3, []), report with { Problems = [] });
        Assert.Empty(report.Problems);
        var found = ChartImages.Find(document).ToList();
        Assert.Equal([1, 3, 3], found.Select(f => f.CellNumber));
        Assert.All(found, f => Assert.Equal(TinyPng, f.Bundle[ChartImages.PngMimeType]));
        Assert.Equal(htmlBefore, found.Select(f => f.Bundle["text/html"].ToString()));
        var table2 = ((DisplayElement)document.Elements[1].Outputs[0]).Data;
        Assert.False(table2.ContainsKey(ChartImages.PngMimeType));
        Assert.All(renderer.Calls, c => Assert.Equal((640, 520), c.Size)); // the chart's layout sets its height, not its width
    }

    [Fact]
    public async Task A_chart_the_renderer_cannot_draw_keeps_its_html_alone_and_is_reported()
    {
        var document = Document(
            Cell(Output("execute_result", Chart(png: "old"))),
            Cell(Output("execute_result", Chart(html: ChartHtml(layout: "{\"title\":{\"text\":\"broken\"}}"))))
        );
        var renderer = new FakeRenderer(c =>
            c.Layout.Contains("broken") ? new ChartImage(null, "plotly.js could not draw it: bad trace") : new ChartImage(TinyPng, null)
        );

        var report = await ChartImages.AttachAsync(document, renderer, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (report.Charts, report.Attached));
        Assert.Equal(["cell 2: plotly.js could not draw it: bad trace"], report.Problems);
        var found = ChartImages.Find(document).ToList();
        Assert.Equal(TinyPng, found[0].Bundle[ChartImages.PngMimeType]); // the old image replaced
        Assert.False(ChartImages.HasImage(found[1].Bundle));
        Assert.Equal((900, 500), renderer.Calls[1].Size); // no size in the layout: the default
    }

    [Fact]
    public void Images_survive_saving_and_loading_the_notebook()
    {
        using var tmp = new TempFiles();
        var document = Document(Cell(Output("execute_result", Chart(png: TinyPng))));
        string path = Path.Combine(tmp.Folder, "saved.ipynb");
        NotebookFile.Save(document, path);
        var bundle = Assert.Single(ChartImages.Find(NotebookFile.Load(path))).Bundle;
        Assert.True(ChartImages.HasImage(bundle));
        Assert.Equal(TinyPng, OutputNormalizer.AsText(bundle[ChartImages.PngMimeType]));
    }

    [Fact]
    public void The_verifier_ignores_differing_image_bytes_and_element_ids()
    {
        var committed = Document(Cell(Output("execute_result", Chart(png: TinyPng))));
        var fresh = Document(Cell(Output("execute_result", Chart(png: "AAAA"))));
        var freshWithoutImage = Document(Cell(Output("execute_result", Chart())));
        Assert.Empty(NotebookVerifier.Compare(committed, fresh, "/nowhere"));
        Assert.Empty(NotebookVerifier.Compare(committed, freshWithoutImage, "/nowhere")); // verify does not draw images
    }

    [Fact]
    public void The_verifier_flags_a_committed_chart_without_an_image()
    {
        var committed = Document(Cell(Output("display_data", Chart(png: TinyPng)), Output("display_data", Chart())));
        var fresh = Document(Cell(Output("display_data", Chart()), Output("display_data", Chart())));
        var difference = Assert.Single(NotebookVerifier.Compare(committed, fresh, "/nowhere"));
        Assert.Equal(1, difference.Number);
        var line = Assert.Single(difference.Diff);
        Assert.StartsWith("! chart 2 of 2 has no static image", line);
    }

    [Fact]
    public void The_verifier_compares_chart_data_and_shows_the_changed_trace()
    {
        var committed = Document(
            Cell(Output("execute_result", Chart(png: TinyPng, html: ChartHtml(data: "[{\"type\":\"bar\",\"y\":[1.0]},{\"type\":\"bar\",\"y\":[2.5]}]"))))
        );
        var fresh = Document(Cell(Output("execute_result", Chart(html: ChartHtml(data: "[{\"type\":\"bar\",\"y\":[1.0]},{\"type\":\"bar\",\"y\":[2.6]}]")))));
        var difference = Assert.Single(NotebookVerifier.Compare(committed, fresh, "/nowhere"));
        Assert.Equal(["- chart trace 2: {\"type\":\"bar\",\"y\":[2.5]}", "+ chart trace 2: {\"type\":\"bar\",\"y\":[2.6]}"], difference.Diff);

        var relabelled = Document(
            Cell(
                Output(
                    "execute_result",
                    Chart(html: ChartHtml(data: "[{\"type\":\"bar\",\"y\":[1.0]},{\"type\":\"bar\",\"y\":[2.5]}]", layout: "{\"height\":600}"))
                )
            )
        );
        Assert.Contains("+ chart layout: {\"height\":600}", Assert.Single(NotebookVerifier.Compare(committed, relabelled, "/nowhere")).Diff);
    }

    [Fact]
    public void A_plotly_chart_is_recognised_by_its_newPlot_call_and_its_size_read_from_the_layout()
    {
        var chart = PlotlyChart.Parse(ChartHtml(layout: "{\"width\":700.0,\"height\":520}"))!;
        Assert.Equal("[{\"type\":\"scatter\",\"x\":[1.0,2.0],\"y\":[3.0,4.0]}]", chart.Data);
        Assert.Equal("{\"responsive\":true}", chart.Config);
        Assert.Equal((700, 520), chart.RequestedSize());
        Assert.Equal((700, 520), new ChartImageSize(640, 360).For(chart));
        Assert.Equal((null, null), PlotlyChart.Parse(ChartHtml(layout: "{\"autosize\":true}"))!.RequestedSize());
        Assert.Null(PlotlyChart.Parse("<table><tr><td>Plotly</td></tr></table>"));
        Assert.Null(PlotlyChart.Parse(null));
    }

    [Fact]
    public void Chromium_results_are_read_from_the_dumped_dom_in_chart_order()
    {
        string dom =
            $"<html data-charts-done=\"3\"><body><div id=\"results\"><pre id=\"chart-1-png\">{TinyPng}</pre><pre id=\"chart-0-error\">Plotly is not defined &amp; more</pre></div></body></html>";
        var results = ChromiumChartRenderer.Results(dom, 3);
        Assert.Equal("plotly.js could not draw it: Plotly is not defined & more", results[0].Error);
        Assert.NotNull(results[1].PngBase64);
        Assert.StartsWith("Chromium stopped before drawing it", results[2].Error);
        Assert.Throws<ChartRenderingException>(() => ChromiumChartRenderer.Results("<html><body></body></html>", 2));
    }

    [Fact]
    public void The_page_script_carries_each_charts_json_and_image_size()
    {
        var charts = new[] { PlotlyChart.Parse(ChartHtml())!, PlotlyChart.Parse(ChartHtml(layout: "{}"))! };
        string script = ChromiumChartRenderer.ChartsScript(charts, new ChartImageSize(640, 360));
        Assert.Contains("{width:640,height:520,data:[{\"type\":\"scatter\"", script);
        Assert.Contains("{width:640,height:360,data:", script);
        Assert.Contains("config:{\"responsive\":true}", script);
    }
}
