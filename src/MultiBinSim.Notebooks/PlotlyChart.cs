using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiBinSim.Notebooks;

/// <summary>
/// A Plotly chart as Plotly.NET's notebook formatter writes it into a <c>text/html</c> output: a script that loads
/// plotly.js from a CDN (through require.js) and calls <c>Plotly.newPlot(id, data, layout, config)</c>, with the three
/// arguments written as <c>var data = ...;</c>, <c>var layout = ...;</c> and <c>var config = ...;</c> lines of JSON.
/// </summary>
public sealed partial record PlotlyChart(string Data, string Layout, string Config)
{
    /// <summary>The chart in an HTML output, or null when the output is not a Plotly.NET chart.</summary>
    public static PlotlyChart? Parse(string? html)
    {
        if (html is null || !html.Contains("Plotly.newPlot", StringComparison.Ordinal))
        {
            return null;
        }

        // JSON escapes line breaks inside strings, so ";\n" only ever ends a statement.
        var data = Statement("data").Match(html);
        var layout = Statement("layout").Match(html);
        var config = Statement("config").Match(html);
        return data.Success && layout.Success
            ? new PlotlyChart(data.Groups[1].Value, layout.Groups[1].Value, config.Success ? config.Groups[1].Value : "{}")
            : null;
    }

    /// <summary>The chart in an output bundle's <c>text/html</c>, or null.</summary>
    public static PlotlyChart? In(IDictionary<string, object> data) =>
        data.TryGetValue("text/html", out var html) ? Parse(OutputNormalizer.AsText(html)) : null;

    /// <summary>The size the chart asks for in its layout (null where it leaves it to the page).</summary>
    public (int? Width, int? Height) RequestedSize()
    {
        try
        {
            var layout = JsonNode.Parse(Layout) as JsonObject;
            return (Pixels(layout?["width"]), Pixels(layout?["height"]));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// What the verifier compares: one line per trace and one for the layout, the JSON as Plotly.NET wrote it (so a
    /// changed number in any trace shows as a changed line). The element id and the CDN script around it are left out.
    /// </summary>
    public IEnumerable<string> ComparableLines()
    {
        JsonArray? traces = null;
        try
        {
            traces = JsonNode.Parse(Data) as JsonArray;
        }
        catch (JsonException) { }

        if (traces is null)
        {
            yield return "chart data: " + Data;
        }
        else
        {
            for (int i = 0; i < traces.Count; i++)
            {
                yield return $"chart trace {i + 1}: {traces[i]?.ToJsonString()}";
            }
        }

        yield return "chart layout: " + Layout;
    }

    private static int? Pixels(JsonNode? value) => value is JsonValue v && v.TryGetValue(out double d) && d >= 1 && d <= 10_000 ? (int)Math.Round(d) : null;

    private static Regex Statement(string name) =>
        name switch
        {
            "data" => DataStatement(),
            "layout" => LayoutStatement(),
            _ => ConfigStatement(),
        };

    [GeneratedRegex(@"var data = (.*?);\r?\n")]
    private static partial Regex DataStatement();

    [GeneratedRegex(@"var layout = (.*?);\r?\n")]
    private static partial Regex LayoutStatement();

    [GeneratedRegex(@"var config = (.*?);\r?\n")]
    private static partial Regex ConfigStatement();
}
