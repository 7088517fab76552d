using Microsoft.DotNet.Interactive.Documents;
using MultiBinSim.Notebooks;
using MultiBinSim.Tests.Charts;
using MultiBinSim.Tests.Cli;
using static MultiBinSim.Tests.Notebooks.NotebookFixtures;

namespace MultiBinSim.Tests.Notebooks;

/// <summary>
/// A tiny notebook with one Plotly chart, run for real: headless Chromium draws its static image (the PNG decodes, has
/// the requested size and is not blank), the verifier accepts other image bytes and flags a missing image, and the
/// CLI writes the notebook without images, saying so in one line, where Chromium is absent. Nothing here measures
/// time; the tests that need Chromium skip with a message where it is not installed.
/// </summary>
[Collection(NotebookCollection.Name)]
public class ChartImageTests
{
    private static readonly string[] Cells =
    [
        Code("#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\""),
        // Plotly.NET gives every chart a 600x600 layout; without it the image takes the requested size (as the kit's
        // charts, which set only a height).
        Code(
            """
            var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0, 3.0, 4.0 }, y: new[] { 3.0, 1.0, 4.0, 1.5 }, Name: "series");
            var unsized = new Plotly.NET.Layout();
            foreach (var property in Plotly.NET.GenericChart.getLayout(chart).GetProperties(false))
                if (property.Key is not "width" and not "height")
                    unsized.SetProperty(property.Key, property.Value);
            Plotly.NET.GenericChart.setLayout(unsized, chart)
            """
        ),
    ];

    private static readonly string SizedChart = Code(
        "Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0, 3.0 }, y: new[] { 2.0, 3.0, 1.0 })"
    );

    private static async Task<(string Path, InteractiveDocument Document)> RunWithImages(TempFiles tmp, ChartImageSize size, params string[] extraCells)
    {
        HeadlessChromium.Require();
        var renderer = ChromiumChartRenderer.Find(out string? whyNot) ?? throw new InvalidOperationException(whyNot);
        string path = Write(tmp, "chart.ipynb", [.. Cells, .. extraCells]);
        var run = await NotebookRunner.RunAsync(path);
        Assert.True(run.Succeeded, run.Failure?.Error);
        var report = await ChartImages.AttachAsync(run.Document, renderer, size, TestContext.Current.CancellationToken);
        Assert.True(report.Attached == 1 + extraCells.Length, string.Join("; ", report.Problems));
        NotebookFile.Save(run.Document, path);
        return (path, NotebookFile.Load(path));
    }

    [NeedsChromium]
    [Fact]
    public async Task A_chart_output_gets_a_png_of_the_requested_size_that_shows_the_chart()
    {
        using var tmp = new TempFiles();
        var (_, document) = await RunWithImages(tmp, new ChartImageSize(640, 360), SizedChart);

        var charts = ChartImages.Find(document).ToList();
        Assert.Equal(2, charts.Count);
        var (_, bundle, chart) = charts[0];
        Assert.Contains("cdn.plot.ly", OutputNormalizer.AsText(bundle["text/html"])); // the HTML is kept as the kernel wrote it
        Assert.Equal((null, null), chart.RequestedSize());
        byte[] png = Convert.FromBase64String(OutputNormalizer.AsText(bundle[ChartImages.PngMimeType])!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.True(png.Length > 2_000, $"a {png.Length}-byte PNG is too small to hold a chart");
        string file = tmp.Write("chart.png", "");
        File.WriteAllBytes(file, png);
        var image = PngImage.Read(file);
        Assert.Equal((640, 360), (image.Width, image.Height));
        // The plot area (axes, grid, the line) is drawn: not a blank or one-colour image.
        double ink = image.NonBackgroundFraction(image.Width / 10, image.Height / 5, image.Width * 7 / 10, image.Height * 4 / 5);
        Assert.True(ink > 0.01, $"only {ink:P2} of the plot area differs from its background");

        // A chart that sets its own size in its layout keeps it.
        Assert.Equal((600, 600), charts[1].Chart.RequestedSize());
        byte[] sized = Convert.FromBase64String(OutputNormalizer.AsText(charts[1].Bundle[ChartImages.PngMimeType])!);
        Assert.Equal((600, 600), PngOptimizer.Dimensions(sized));
    }

    [NeedsChromium]
    [Fact]
    public async Task A_long_title_and_a_long_tall_legend_are_drawn_whole()
    {
        HeadlessChromium.Require();
        var renderer = ChromiumChartRenderer.Find(out string? whyNot) ?? throw new InvalidOperationException(whyNot);
        // 14 lines with 90-character names (a legend as wide as half the image and taller than the plot) and a title of
        // three times the image's width, with a subtitle line: drawn as they are, the legend scrolls (its last entries
        // are cut) and the title runs off the right edge.
        string name = new('n', 60);
        string data =
            "["
            + string.Join(
                ",",
                Enumerable
                    .Range(1, 14)
                    .Select(i => $$"""{"type":"scatter","mode":"lines","x":[1,2,3],"y":[{{i}},{{i + 1}},{{i}}],"name":"series {{i:D2}} {{name}} end"}""")
            )
            + "]";
        string title =
            string.Join(" ", Enumerable.Repeat("a long chart title that says what it shows", 6))
            + "<br><sub>"
            + string.Join(" ", Enumerable.Repeat("and a subtitle with the numbers", 8))
            + "</sub>";
        string layout = "{\"height\":520,\"title\":{\"text\":\"" + title + "\"},\"legend\":{\"title\":{\"text\":\"series\"}}}";

        var image = Assert.Single(
            await renderer.RenderAsync([new PlotlyChart(data, layout, "{}")], ChartImageSize.Default, TestContext.Current.CancellationToken)
        );
        Assert.True(image.PngBase64 is not null, image.Error);
        using var tmp = new TempFiles();
        string file = tmp.Write("fitted.png", "");
        File.WriteAllBytes(file, Convert.FromBase64String(image.PngBase64));
        var png = PngImage.Read(file);

        Assert.Equal(900, png.Width);
        Assert.True(png.Height > 520 + 14 * 15, $"the image is {png.Height} px high: no room was made for the 14 legend entries");
        // Nothing reaches the right edge or the bottom edge: the title is wrapped, the legend ends inside the image.
        Assert.Equal(0, png.NonBackgroundFraction(png.Width - 8, 0, png.Width, png.Height));
        Assert.Equal(0, png.NonBackgroundFraction(0, png.Height - 6, png.Width, png.Height));
        // The legend's last entry is drawn: ink in the bottom eighth, left half (under the plot).
        Assert.True(png.NonBackgroundFraction(0, png.Height * 7 / 8, png.Width / 2, png.Height - 6) > 0.002, "the legend's last entries are missing");
    }

    [Fact]
    public async Task Verify_ignores_the_image_bytes_but_flags_a_missing_image()
    {
        using var tmp = new TempFiles();
        var (path, _) = await RunWithImages(tmp, ChartImageSize.Default);
        var verified = await NotebookVerifier.VerifyAsync(path, cancellation: TestContext.Current.CancellationToken);
        Assert.True(verified.Identical, string.Join("\n", verified.Differences.SelectMany(d => d.Diff)));

        var document = NotebookFile.Load(path);
        var bundle = Assert.Single(ChartImages.Find(document)).Bundle;
        bundle[ChartImages.PngMimeType] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
        NotebookFile.Save(document, path);
        verified = await NotebookVerifier.VerifyAsync(path, cancellation: TestContext.Current.CancellationToken);
        Assert.True(verified.Identical, string.Join("\n", verified.Differences.SelectMany(d => d.Diff)));

        bundle.Remove(ChartImages.PngMimeType);
        NotebookFile.Save(document, path);
        verified = await NotebookVerifier.VerifyAsync(path, cancellation: TestContext.Current.CancellationToken);
        var difference = Assert.Single(verified.Differences);
        Assert.Equal(2, difference.Number);
        Assert.StartsWith("! chart 1 of 1 has no static image", Assert.Single(difference.Diff));
    }

    [Fact]
    public void Without_chromium_the_cli_writes_the_notebook_without_images_and_says_so_once()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "chart.ipynb", Cells);
        string output = Path.Combine(tmp.Folder, "out.ipynb");
        var (code, _, stderr) = MbsimProcess.Exec(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "mbsim.dll"), "notebook", "run", path, "-o", output],
            new Dictionary<string, string> { [ChromiumChartRenderer.EnvironmentVariable] = Path.Combine(tmp.Folder, "no-such-chromium") }
        );
        Assert.True(code == 0, stderr);
        var warning = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: 1 chart output written without static images:", warning);
        Assert.Contains("no-such-chromium does not exist", warning);
        Assert.Contains("--no-chart-images", warning);
        var bundle = Assert.Single(ChartImages.Find(NotebookFile.Load(output))).Bundle;
        Assert.False(ChartImages.HasImage(bundle));

        var (skipCode, _, skipErr) = MbsimProcess.Exec(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "mbsim.dll"), "notebook", "run", path, "-o", output, "--no-chart-images"],
            new Dictionary<string, string> { [ChromiumChartRenderer.EnvironmentVariable] = Path.Combine(tmp.Folder, "no-such-chromium") }
        );
        Assert.True(skipCode == 0, skipErr);
        Assert.Equal("", skipErr.Trim());
    }
}
