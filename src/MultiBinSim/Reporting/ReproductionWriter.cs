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
public sealed record ReproductionFiles(string CsvPath, string HtmlPath)
{
    /// <summary>DIR/NAME.json: the comparisons as <c>mbsim reproduce --json</c> prints them (file names relative), read by the folder's index.</summary>
    public string? JsonPath { get; init; }
}

/// <summary>
/// Writes a reproduction's DIR/NAME.csv (its series: header of snake_case column names in the table's order, invariant
/// culture, round-trip numbers, "\n" line ends), DIR/NAME.html (its charts and comparison table; it loads plotly.js from
/// the one copy written beside it, <see cref="ChartHtml.PlotlyFileName"/>, so the page renders offline and loads nothing
/// from a CDN) and DIR/NAME.json (its comparisons, for the folder's front page, <see cref="ReproductionIndex"/>). All
/// are written atomically.
/// </summary>
public static class ReproductionWriter
{
    private static readonly CsvConfiguration CsvConfig = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>
    /// Writes the files (and plotly.js, once) into <paramref name="folder"/> and returns their paths; NAME.json records
    /// <paramref name="options"/> (quick, seeds, genuine traces) when given.
    /// </summary>
    public static ReproductionFiles Write(ReproductionResult result, string folder, ReproductionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        string csvPath = Path.Combine(folder, result.Name + ".csv");
        string htmlPath = Path.Combine(folder, result.Name + ".html");
        string jsonPath = Path.Combine(folder, result.Name + ".json");
        ChartHtml.WritePlotlyScript(folder);
        AtomicFile.WriteAllText(csvPath, Csv(result.Series));
        AtomicFile.WriteAllText(htmlPath, Html(result));
        // Relative file names: the folder can move, and the same results give the same bytes wherever they are.
        AtomicFile.WriteAllText(
            jsonPath,
            ReproductionReport.ToJson([new ReproductionOutcome(result, new ReproductionFiles(result.Name + ".csv", result.Name + ".html"))], options)
        );
        return new ReproductionFiles(csvPath, htmlPath) { JsonPath = jsonPath };
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
                    csv.WriteField(
                        value switch
                        {
                            null => "",
                            double d => d.ToString("R", CultureInfo.InvariantCulture),
                            bool b => b ? "true" : "false",
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            _ => value.ToString() ?? "",
                        }
                    );
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The page: title, setup, charts, and the published numbers beside ours. It loads plotly.js from
    /// <paramref name="plotlyScript"/> (a relative path; <see cref="Write"/> puts the file beside the page).
    /// </summary>
    public static string Html(ReproductionResult result, string plotlyScript = ChartHtml.PlotlyFileName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(result.Title))
            .Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}")
            .Append("table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ddd;padding:2px 6px}.bad{color:#b00}</style>\n")
            // One shared copy of plotly.js beside the pages (3.6 MB once, not per page), never a CDN.
            .Append("<script src=\"")
            .Append(WebUtility.HtmlEncode(plotlyScript))
            .Append("\"></script>\n")
            // Plotly.NET's chart scripts may ask require.js for plotly: answer with the loaded one, no network.
            .Append(
                "<script>window.requirejs = function (deps, f) { f(window.Plotly); }; window.requirejs.config = function () { return window.requirejs; };</script>\n"
            )
            .Append("</head><body>\n<h1>")
            .Append(WebUtility.HtmlEncode(result.Title))
            .Append("</h1>\n")
            .Append("<p><b>")
            .Append(WebUtility.HtmlEncode(result.Paper))
            .Append("</b>. ")
            .Append(WebUtility.HtmlEncode(result.Setup))
            .Append("</p>\n");
        for (int i = 0; i < result.Charts.Count; i++)
        {
            html.Append(WithoutCdn(ChartHtml.Fragment(ReproductionChartRenderer.Render(result.Charts[i]), $"{result.Name}-{i + 1}"))).Append('\n');
        }

        html.Append("<p><b>Finding.</b> ").Append(WebUtility.HtmlEncode(ReproductionReport.Finding(result))).Append("</p>\n");
        html.Append(
            "<h2>Published numbers beside ours</h2>\n<table><tr><th>quantity</th><th>paper</th><th>ours</th><th>relative difference</th><th>tolerance</th><th>note</th></tr>\n"
        );
        foreach (var p in result.Comparisons)
        {
            html.Append(p.WithinTolerance == false ? "<tr class=\"bad\">" : "<tr>")
                .Append("<td>")
                .Append(WebUtility.HtmlEncode(p.Quantity))
                .Append("</td>")
                .Append("<td>")
                .Append(p.PaperValue is { } paper ? paper.ToString("G5", c) : PublishedComparison.NoPublishedValue)
                .Append("</td>")
                .Append("<td>")
                .Append(p.OurValue.ToString("G5", c))
                .Append("</td>")
                .Append("<td>")
                .Append(p.RelativeDifference is { } difference ? difference.ToString("P2", c) : "")
                .Append("</td>")
                .Append("<td>")
                .Append(p.Tolerance is { } t ? t.ToString("P1", c) : "not checked")
                .Append("</td>")
                .Append("<td>")
                .Append(WebUtility.HtmlEncode(p.Note))
                .Append("</td></tr>\n");
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }

    // Plotly.NET's chart HTML may name a CDN copy of plotly.js for require.js; the page loads the copy beside it instead.
    private static string WithoutCdn(string fragment) =>
        System.Text.RegularExpressions.Regex.Replace(
            fragment,
            @"https?://[^'""\s)]*(?:cdn|cloudflare|jsdelivr|unpkg|plot\.ly)[^'""\s)]*",
            "",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase
        );
}
