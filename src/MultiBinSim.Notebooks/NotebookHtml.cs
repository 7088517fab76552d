using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>
/// A self-contained HTML report of an executed notebook: markdown rendered (Markdig), code and outputs inline, and
/// charts that render offline: plotly.js is embedded once, a tiny require.js stand-in hands it to the chart scripts,
/// and CDN addresses in chart outputs are removed.
/// </summary>
public static partial class NotebookHtml
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string Render(InteractiveDocument document, string title)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</title>\n")
            .Append("<style>")
            .Append(Style)
            .Append("</style>\n")
            .Append("<script>")
            .Append(PlotlyScript())
            .Append("</script>\n")
            // Chart outputs call requirejs.config(...)(['plotly'], f); answer them with the embedded Plotly, no network.
            .Append(
                "<script>window.requirejs = function (deps, f) { f(window.Plotly); }; window.requirejs.config = function () { return window.requirejs; };</script>\n"
            )
            .Append("</head><body>\n");
        foreach (var cell in document.Elements)
        {
            if (!NotebookFile.IsCode(cell))
            {
                html.Append("<div class=\"markdown\">").Append(Markdig.Markdown.ToHtml(cell.Contents, Markdown)).Append("</div>\n");
                continue;
            }

            html.Append("<div class=\"cell\"><div class=\"prompt\">[")
                .Append(cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString() : " ")
                .Append("]</div>")
                .Append("<pre class=\"source\">")
                .Append(WebUtility.HtmlEncode(cell.Contents))
                .Append("</pre>\n");
            foreach (var output in cell.Outputs)
            {
                html.Append(RenderOutput(output)).Append('\n');
            }

            html.Append("</div>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    public static void Write(InteractiveDocument document, string path, string title)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full + ".tmp", Render(document, title), new UTF8Encoding(false));
        File.Move(full + ".tmp", full, overwrite: true);
    }

    private static string RenderOutput(InteractiveDocumentOutputElement output) =>
        output switch
        {
            TextElement text => $"<pre class=\"{(text.Name == "stderr" ? "stderr" : "stdout")}\">{WebUtility.HtmlEncode(text.Text)}</pre>",
            ErrorElement error => $"<pre class=\"error\">{WebUtility.HtmlEncode(error.ErrorName + ": " + error.ErrorValue)}</pre>",
            DisplayElement display => RenderData(display.Data),
            ReturnValueElement value => RenderData(value.Data),
            _ => "",
        };

    private static string RenderData(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/html", out var htmlValue) && OutputNormalizer.AsText(htmlValue) is { } html)
        {
            return "<div class=\"output\">" + RemoveCdnReferences(html) + "</div>";
        }

        return data.TryGetValue("text/plain", out var plain) ? $"<pre class=\"output\">{WebUtility.HtmlEncode(OutputNormalizer.AsText(plain))}</pre>" : "";
    }

    /// <summary>Removes CDN addresses (require.js, plotly.js) from chart outputs; the page supplies both offline.</summary>
    public static string RemoveCdnReferences(string html) => CdnUrl().Replace(html, "");

    // A literal "</script>" inside the inlined library would end the tag early.
    private static string PlotlyScript() => PlotlyJs().Replace("</script>", "<\\/script>", StringComparison.OrdinalIgnoreCase);

    /// <summary>plotly.js as Plotly.NET embeds it (the version its chart outputs load from the CDN).</summary>
    internal static string PlotlyJs()
    {
        var plotly = Assembly.Load("Plotly.NET");
        using var stream = plotly.GetManifestResourceStream("Plotly.NET.plotly-2.28.0.min.js")
            ?? throw new InvalidOperationException("Plotly.NET no longer embeds plotly-2.28.0.min.js; update NotebookHtml.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"https?://[^'""\s)]*(?:cdn|cloudflare|jsdelivr|unpkg|plot\.ly)[^'""\s)]*", RegexOptions.IgnoreCase)]
    private static partial Regex CdnUrl();

    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
        .markdown { margin: 1em 0; line-height: 1.5; }
        .cell { margin: 1em 0; border-left: 3px solid #ccd; padding-left: 0.8em; }
        .prompt { color: #889; font-size: 0.8em; }
        pre.source { background: #f5f6fa; padding: 0.6em; overflow-x: auto; }
        pre.stdout, pre.output { background: #fff; border: 1px solid #eee; padding: 0.4em; overflow-x: auto; white-space: pre-wrap; }
        pre.stderr { color: #a60; }
        pre.error { color: #b00; background: #fff0f0; padding: 0.4em; }
        table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ddd; padding: 2px 6px; }
        """;
}
