using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>The files one reproduction wrote.</summary>
/// <param name="CsvPath">DIR/NAME.csv.</param>
/// <param name="HtmlPath">DIR/NAME.html.</param>
public sealed record ReproductionFiles(string CsvPath, string HtmlPath);

/// <summary>
/// Writes a reproduction's DIR/NAME.csv (its series: header of snake_case column names in the table's order, invariant
/// culture, round-trip numbers, "\n" line ends) and DIR/NAME.html (its charts and comparison table; plotly.js is inlined,
/// so the page renders offline and loads nothing from a CDN). Both are written atomically.
/// </summary>
public static class ReproductionWriter
{
    private static readonly CsvConfiguration CsvConfig = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>Writes both files into <paramref name="folder"/> and returns their paths.</summary>
    public static ReproductionFiles Write(ReproductionResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        string csvPath = Path.Combine(folder, result.Name + ".csv");
        string htmlPath = Path.Combine(folder, result.Name + ".html");
        AtomicFile.WriteAllText(csvPath, Csv(result.Series));
        AtomicFile.WriteAllText(htmlPath, Html(result));
        return new ReproductionFiles(csvPath, htmlPath);
    }

    /// <summary>The series as CSV text.</summary>
    public static string Csv(ReproductionTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CsvConfig))
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(column.Name);
            }

            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => "",
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        bool b => b ? "true" : "false",
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString() ?? "",
                    });
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>The self-contained HTML page: title, setup, charts, and the published numbers beside ours.</summary>
    public static string Html(ReproductionResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(result.Title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}")
            .Append("table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ddd;padding:2px 6px}.bad{color:#b00}</style>\n")
            // plotly.js inline: a literal "</script>" inside it would end the tag early.
            .Append("<script>").Append(ChartHtml.PlotlyScript().Replace("</script>", "<\\/script>", StringComparison.OrdinalIgnoreCase)).Append("</script>\n")
            // Plotly.NET's chart scripts may ask require.js for plotly: answer with the inlined one, no network.
            .Append("<script>window.requirejs = function (deps, f) { f(window.Plotly); }; window.requirejs.config = function () { return window.requirejs; };</script>\n")
            .Append("</head><body>\n<h1>").Append(WebUtility.HtmlEncode(result.Title)).Append("</h1>\n")
            .Append("<p><b>").Append(WebUtility.HtmlEncode(result.Paper)).Append("</b>. ").Append(WebUtility.HtmlEncode(result.Setup)).Append("</p>\n");
        for (int i = 0; i < result.Charts.Count; i++)
        {
            html.Append(WithoutCdn(ChartHtml.Fragment(ReproductionChartRenderer.Render(result.Charts[i]), $"{result.Name}-{i + 1}"))).Append('\n');
        }

        html.Append("<h2>Published numbers beside ours</h2>\n<table><tr><th>quantity</th><th>paper</th><th>ours</th><th>relative difference</th><th>tolerance</th><th>note</th></tr>\n");
        foreach (var p in result.Comparisons)
        {
            html.Append(p.WithinTolerance == false ? "<tr class=\"bad\">" : "<tr>")
                .Append("<td>").Append(WebUtility.HtmlEncode(p.Quantity)).Append("</td>")
                .Append("<td>").Append(p.PaperValue is { } paper ? paper.ToString("G5", c) : PublishedComparison.NoPublishedValue).Append("</td>")
                .Append("<td>").Append(p.OurValue.ToString("G5", c)).Append("</td>")
                .Append("<td>").Append(p.RelativeDifference is { } difference ? difference.ToString("P2", c) : "").Append("</td>")
                .Append("<td>").Append(p.Tolerance is { } t ? t.ToString("P1", c) : "not checked").Append("</td>")
                .Append("<td>").Append(WebUtility.HtmlEncode(p.Note)).Append("</td></tr>\n");
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }

    // Plotly.NET's chart HTML may name a CDN copy of plotly.js for require.js; the page supplies it inline instead.
    private static string WithoutCdn(string fragment) =>
        System.Text.RegularExpressions.Regex.Replace(fragment, @"https?://[^'""\s)]*(?:cdn|cloudflare|jsdelivr|unpkg|plot\.ly)[^'""\s)]*", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
