using System.Globalization;
using System.Net;
using System.Text;

namespace MultiBinSim.Reporting;

/// <summary>One cell of an index table: text, optionally a link (relative href), right-aligned when numeric.</summary>
/// <param name="Text">The cell's text (escaped when written).</param>
/// <param name="Href">A relative link, or null.</param>
/// <param name="Numeric">Right-aligned (a number).</param>
public sealed record IndexCell(string Text, string? Href = null, bool Numeric = false)
{
    public static implicit operator IndexCell(string text) => new(text);
}

/// <summary>
/// The front page of a results folder (<c>index.html</c>): static HTML with inline CSS, no JavaScript, every text
/// HTML-escaped, every link relative, so it renders offline and the same content gives the same bytes.
/// </summary>
public sealed class IndexHtml
{
    /// <summary>The front page's file name.</summary>
    public const string FileName = "index.html";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}"
        + "h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin-bottom:.3em}"
        + "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
        + "th{background:#f4f4f4;overflow-wrap:normal}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}tr.bad td{color:#b00}"
        + "p.finding{margin:.2em 0 1em 1em}code{background:#f4f4f4;padding:0 3px}.muted{color:#666}";

    private readonly StringBuilder _body = new();
    private readonly string _title;

    public IndexHtml(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        _title = title;
        _body.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
    }

    /// <summary>A heading (level 2 or 3).</summary>
    public IndexHtml Heading(string text, int level = 2)
    {
        _body.Append("<h").Append(level).Append('>').Append(Encode(text)).Append("</h").Append(level).Append(">\n");
        return this;
    }

    /// <summary>A paragraph of plain text; <paramref name="cssClass"/> styles it (e.g. "finding", "muted").</summary>
    public IndexHtml Paragraph(string text, string? cssClass = null)
    {
        _body.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A paragraph starting with a bold label: "<b>label</b> text".</summary>
    public IndexHtml Labelled(string label, string text, string? cssClass = null)
    {
        _body
            .Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">")
            .Append("<b>")
            .Append(Encode(label))
            .Append("</b> ")
            .Append(Encode(text))
            .Append("</p>\n");
        return this;
    }

    /// <summary>A chart entry: its title linked to its page, then its finding.</summary>
    public IndexHtml Chart(string href, string title, string finding)
    {
        _body
            .Append("<h3>")
            .Append(Anchor(href, title))
            .Append("</h3>\n")
            .Append("<p class=\"finding\"><b>Finding.</b> ")
            .Append(Encode(finding))
            .Append("</p>\n");
        return this;
    }

    /// <summary>A bulleted list of links (href, text, description).</summary>
    public IndexHtml Links(IEnumerable<(string Href, string Text, string Description)> links)
    {
        _body.Append("<ul>\n");
        foreach (var (href, text, description) in links)
        {
            _body.Append("<li>").Append(Anchor(href, text));
            if (description.Length > 0)
            {
                _body.Append(": ").Append(Encode(description));
            }

            _body.Append("</li>\n");
        }

        _body.Append("</ul>\n");
        return this;
    }

    /// <summary>A table with a header row; a row whose first element is null is not written. <paramref name="bad"/> marks rows red.</summary>
    public IndexHtml Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<IndexCell>> rows, Func<int, bool>? bad = null)
    {
        _body.Append("<table>\n<tr>");
        foreach (string header in headers)
        {
            _body.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        _body.Append("</tr>\n");
        int index = 0;
        foreach (var row in rows)
        {
            _body.Append(bad?.Invoke(index) == true ? "<tr class=\"bad\">" : "<tr>");
            foreach (var cell in row)
            {
                _body
                    .Append(cell.Numeric ? "<td class=\"n\">" : "<td>")
                    .Append(cell.Href is null ? Encode(cell.Text) : Anchor(cell.Href, cell.Text))
                    .Append("</td>");
            }

            _body.Append("</tr>\n");
            index++;
        }

        _body.Append("</table>\n");
        return this;
    }

    /// <summary>A two-column table of names and values.</summary>
    public IndexHtml Settings(IEnumerable<(string Name, string Value)> settings) =>
        Table(["setting", "value"], settings.Select(s => (IReadOnlyList<IndexCell>)[new IndexCell(s.Name), new IndexCell(s.Value)]));

    /// <summary>
    /// The "What ran" section every front page opens with: the last command (when known), the kit and semantics
    /// versions, then the page's own <paramref name="facts"/>.
    /// </summary>
    public IndexHtml WhatRan(string? command, params IEnumerable<(string Name, string Value)> facts)
    {
        Heading("What ran");
        var settings = new List<(string, string)>();
        if (command is not null)
        {
            settings.Add(("last command", command));
        }

        settings.Add(("kit version (library/semantics)", Experiments.CodeVersion.Full));
        settings.Add(("semantics version", Experiments.CodeVersion.Semantics));
        settings.AddRange(facts);
        return Settings(settings);
    }

    /// <summary>The whole page.</summary>
    public string Render() =>
        new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(_title))
            .Append("</title>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<style>")
            .Append(Style)
            .Append("</style></head><body>\n")
            .Append(_body)
            .Append("</body></html>\n")
            .ToString();

    /// <summary>Text made safe for HTML content and attribute values.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A relative path as an href: '/' separators, each segment percent-encoded.</summary>
    public static string Href(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var segments = relativePath.Replace('\\', '/').Split('/');
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    private static string Anchor(string href, string text) => $"<a href=\"{Encode(Href(href))}\">{Encode(text)}</a>";

    /// <summary>
    /// A number for a reader: <paramref name="digits"/> significant figures, thousands separators, no exponent between
    /// 1e-4 and 1e15; whole numbers in full; "-" for null or not finite.
    /// </summary>
    public static string Number(double? value, int digits = 4)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "-";
        }

        if (v == 0)
        {
            return "0";
        }

        double magnitude = Math.Floor(Math.Log10(Math.Abs(v)));
        if (magnitude < -4 || magnitude >= 15)
        {
            return v.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        int decimals = (int)Math.Max(0, digits - 1 - magnitude);
        double rounded = Math.Round(v, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        if (decimals == 0)
        {
            // Beyond the significant figures a whole number keeps its digits (1,000,000 requests, not 1,000,000 rounded).
            rounded = Math.Round(v, MidpointRounding.AwayFromZero);
        }

        return rounded.ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    /// <summary>A fraction as a percentage number (0.0123 -> "1.23"), for columns headed "(%)".</summary>
    public static string Percent(double? fraction, int digits = 3) => fraction is { } f ? Number(f * 100, digits) : "-";

    /// <summary>A whole number with thousands separators, "-" for null.</summary>
    public static string Whole(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
