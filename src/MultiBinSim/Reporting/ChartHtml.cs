using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using MultiBinSim.Storage;
using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// Offline, deterministic HTML for Plotly charts: pages load plotly.js from a file written once beside them (never a CDN),
/// and the random element ids Plotly.NET generates are replaced by stable ones, so the same data gives the same bytes.
/// </summary>
public static partial class ChartHtml
{
    public const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";
    public const string PlotlyFileName = "plotly-2.28.0.min.js";

    /// <summary>The chart's &lt;div&gt; and &lt;script&gt; with a stable element id.</summary>
    public static string Fragment(GenericChart chart, string id)
    {
        PlotlySerialization.Configure();
        string html = GenericChart.toChartHTML(chart);
        var match = GuidPattern().Match(html);
        if (!match.Success)
        {
            return html;
        }

        string guid = match.Value;
        return html.Replace(guid, id).Replace(guid.Replace("-", ""), id.Replace("-", "_"));
    }

    /// <summary>
    /// A complete page for one chart, loading plotly.js from <paramref name="plotlyScript"/> (a relative path); with a
    /// <paramref name="finding"/>, the sentence is written under the chart and in the page's description (which
    /// <see cref="FindingOf"/> reads back for the results folder's index).
    /// </summary>
    public static string Page(GenericChart chart, string title, string id, string plotlyScript = PlotlyFileName, string? finding = null)
    {
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(title))
            .Append("</title>\n");
        if (finding is not null)
        {
            page.Append("<meta name=\"description\" content=\"").Append(System.Net.WebUtility.HtmlEncode(finding)).Append("\">\n");
        }

        page.Append("<script src=\"").Append(plotlyScript).Append("\"></script></head>\n<body>\n").Append(Fragment(chart, id));
        if (finding is not null)
        {
            page.Append("\n<p style=\"font-family:system-ui,sans-serif;max-width:900px\"><b>Finding.</b> ")
                .Append(System.Net.WebUtility.HtmlEncode(finding))
                .Append("</p>");
        }

        page.Append("\n</body></html>\n");
        return page.ToString();
    }

    /// <summary>The chart's title text (its first line, without markup), or null when it has none.</summary>
    public static string? TitleOf(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (
            GenericChart.getLayout(chart).TryGetPropertyValue("title") is { } title
            && title.Value is DynamicObj.DynamicObj t
            && t.TryGetPropertyValue("text") is { } text
            && text.Value is string s
            && s.Length > 0
        )
        {
            int br = s.IndexOf("<br>", StringComparison.OrdinalIgnoreCase);
            string first = br >= 0 ? s[..br] : s;
            return System.Net.WebUtility.HtmlDecode(TagPattern().Replace(first, "")).Trim();
        }

        return null;
    }

    /// <summary>The &lt;title&gt; of a page written by <see cref="Page"/>, or null.</summary>
    public static string? TitleOfPage(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = PageTitlePattern().Match(html);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The finding written into a page by <see cref="Page"/>, or null when it has none.</summary>
    public static string? FindingOf(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = DescriptionPattern().Match(html);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The plotly.js bundled in Plotly.NET, for writing beside chart pages or inlining into a report.</summary>
    public static string PlotlyScript()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(PlotlyResource)
            ?? throw new InvalidOperationException($"Plotly.NET no longer embeds {PlotlyResource}; update ChartHtml.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Writes plotly.js into <paramref name="folder"/> unless an identical copy is there.</summary>
    public static string WritePlotlyScript(string folder)
    {
        string path = Path.Combine(folder, PlotlyFileName);
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, PlotlyScript());
        }

        return path;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex PageTitlePattern();

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\">")]
    private static partial Regex DescriptionPattern();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
