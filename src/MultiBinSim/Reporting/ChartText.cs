using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// A chart as plain text: its title, axes and series, in a few lines. Notebooks show it as a chart's text/plain output
/// (beside the HTML and the PNG image), instead of .NET Interactive's dump of the chart object, which prints
/// exceptions and changes from run to run.
/// </summary>
public static partial class ChartText
{
    /// <summary>The chart's title, axis titles and series names (and point counts), without markup.</summary>
    public static string Describe(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        var root = figure.RootElement;
        var text = new StringBuilder("Chart");
        if (root.TryGetProperty("layout", out var layout))
        {
            if (Title(layout) is { } title)
            {
                text.Append(": ").Append(title);
            }

            foreach (
                var axis in layout
                    .EnumerateObject()
                    .Where(p => p.Name.StartsWith("xaxis", StringComparison.Ordinal) || p.Name.StartsWith("yaxis", StringComparison.Ordinal))
                    .OrderBy(p => p.Name, StringComparer.Ordinal)
            )
            {
                if (Title(axis.Value) is { } axisTitle)
                {
                    text.Append('\n').Append(axis.Name[0]).Append(" axis: ").Append(axisTitle);
                }
            }
        }

        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var trace in data.EnumerateArray())
            {
                string name = trace.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "(unnamed)";
                string type = trace.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "trace";
                int points = Points(trace, "x") ?? Points(trace, "z") ?? Points(trace, "y") ?? 0;
                text.Append("\n  ").Append(type).Append(' ').Append(Plain(name)).Append(" (").Append(points).Append(points == 1 ? " point)" : " points)");
            }
        }

        return text.ToString();
    }

    private static string? Title(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("title", out var title)
            ? title.ValueKind == JsonValueKind.String
                ? Plain(title.GetString()!)
                : title.ValueKind == JsonValueKind.Object && title.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                    ? Plain(t.GetString()!)
                    : null
            : null;

    private static int? Points(JsonElement trace, string axis) =>
        trace.TryGetProperty(axis, out var values) && values.ValueKind == JsonValueKind.Array ? values.GetArrayLength() : null;

    /// <summary>Plotly's markup (<c>&lt;br&gt;</c>, <c>&lt;sub&gt;</c>) as plain text.</summary>
    private static string Plain(string markup) => Tags().Replace(markup.Replace("<br>", " - ", StringComparison.Ordinal), "").Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
