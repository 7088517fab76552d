using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>The size of a chart's static image: the chart's own layout width and height where it sets them, else these.</summary>
public sealed record ChartImageSize(int Width = 900, int Height = 500)
{
    public static ChartImageSize Default { get; } = new();

    public (int Width, int Height) For(PlotlyChart chart)
    {
        var (width, height) = chart.RequestedSize();
        return (width ?? Width, height ?? Height);
    }
}

/// <summary>Turns Plotly charts into PNG images (base64, as a notebook stores <c>image/png</c>).</summary>
public interface IChartRenderer
{
    /// <summary>
    /// One result per chart, in order: the PNG as base64, or null with the reason it could not be drawn.
    /// Throws <see cref="ChartRenderingException"/> when nothing could be rendered at all (the browser failed).
    /// </summary>
    Task<IReadOnlyList<ChartImage>> RenderAsync(IReadOnlyList<PlotlyChart> charts, ChartImageSize size, CancellationToken cancellation);
}

/// <summary>One rendered chart: a base64 PNG, or the error that prevented it.</summary>
public sealed record ChartImage(string? PngBase64, string? Error);

public sealed class ChartRenderingException(string message) : Exception(message);

/// <summary>What attaching images did: how many chart outputs there were, how many got an image, and why others did not.</summary>
public sealed record ChartImageReport(int Charts, int Attached, IReadOnlyList<string> Problems);

/// <summary>
/// Static images beside chart outputs. Plotly.NET's notebook output is HTML whose script loads plotly.js from a CDN;
/// viewers that run no scripts (GitHub's notebook view, nbviewer without JavaScript) show it empty. Each chart output
/// bundle therefore also gets an <c>image/png</c> of the same chart, which those viewers show instead, while Jupyter
/// still renders the interactive HTML. The HTML is left exactly as the kernel wrote it.
/// </summary>
public static class ChartImages
{
    public const string PngMimeType = "image/png";
    public const string SvgMimeType = "image/svg+xml";

    /// <summary>Every output bundle (display data or return value) in the document's code cells that holds a Plotly chart.</summary>
    public static IEnumerable<(int CellNumber, IDictionary<string, object> Bundle, PlotlyChart Chart)> Find(InteractiveDocument document)
    {
        for (int i = 0; i < document.Elements.Count; i++)
        {
            foreach (var (bundle, chart) in In(document.Elements[i]))
            {
                yield return (i + 1, bundle, chart);
            }
        }
    }

    /// <summary>The output bundles of one code cell that hold a Plotly chart.</summary>
    public static IEnumerable<(IDictionary<string, object> Bundle, PlotlyChart Chart)> In(InteractiveDocumentElement cell)
    {
        if (!NotebookFile.IsCode(cell))
        {
            yield break;
        }

        foreach (var output in cell.Outputs)
        {
            var bundle = Bundle(output);
            if (bundle is not null && PlotlyChart.In(bundle) is { } chart)
            {
                yield return (bundle, chart);
            }
        }
    }

    /// <summary>Whether the bundle carries a static image (PNG or SVG) besides its HTML.</summary>
    public static bool HasImage(IDictionary<string, object> bundle) =>
        bundle.TryGetValue(PngMimeType, out var png) && !string.IsNullOrWhiteSpace(OutputNormalizer.AsText(png))
        || bundle.TryGetValue(SvgMimeType, out var svg) && !string.IsNullOrWhiteSpace(OutputNormalizer.AsText(svg));

    /// <summary>
    /// Renders every chart output of <paramref name="document"/> and adds its <c>image/png</c> to the same bundle
    /// (replacing an older one). Charts that could not be drawn keep their HTML alone and are named in the report.
    /// </summary>
    public static async Task<ChartImageReport> AttachAsync(
        InteractiveDocument document,
        IChartRenderer renderer,
        ChartImageSize? size = null,
        CancellationToken cancellation = default
    )
    {
        var found = Find(document).ToList();
        foreach (var (_, bundle, _) in found)
        {
            bundle.Remove(PngMimeType);
            bundle.Remove(SvgMimeType);
        }

        if (found.Count == 0)
        {
            return new ChartImageReport(0, 0, []);
        }

        var images = await renderer.RenderAsync(found.Select(f => f.Chart).ToList(), size ?? ChartImageSize.Default, cancellation);
        if (images.Count != found.Count)
        {
            throw new ChartRenderingException($"the renderer returned {images.Count} images for {found.Count} charts.");
        }

        int attached = 0;
        var problems = new List<string>();
        for (int i = 0; i < found.Count; i++)
        {
            if (images[i].PngBase64 is { Length: > 0 } png)
            {
                found[i].Bundle[PngMimeType] = png;
                attached++;
            }
            else
            {
                problems.Add($"cell {found[i].CellNumber}: {images[i].Error ?? "no image"}");
            }
        }

        return new ChartImageReport(found.Count, attached, problems);
    }

    private static IDictionary<string, object>? Bundle(InteractiveDocumentOutputElement output) =>
        output switch
        {
            DisplayElement display => display.Data,
            ReturnValueElement value => value.Data,
            _ => null,
        };
}
