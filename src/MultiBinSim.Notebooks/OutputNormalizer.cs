using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>
/// Turns a cell's outputs into comparable text: every text/plain value, every HTML table, stdout and errors, with the
/// volatile parts masked: timings ("took 1.2 s", "in 3.4 s", "elapsed 5 ms"), dates and times, absolute paths,
/// generated ids (GUIDs, table and page ids of DataFrame tables) and execution_time_seconds values. A Plotly chart is
/// compared by its data and layout JSON (<see cref="PlotlyChart.ComparableLines"/>), not by its element id or script;
/// static images (<c>image/png</c>, <c>image/svg+xml</c>) and other HTML are not compared.
/// </summary>
public static partial class OutputNormalizer
{
    public static IReadOnlyList<string> Comparable(InteractiveDocumentElement cell, IEnumerable<string> folders)
    {
        var lines = new List<string>();
        foreach (var output in cell.Outputs)
        {
            foreach (string text in Texts(output))
            {
                lines.AddRange(
                    Normalize(text, folders)
                        .Split('\n')
                        .Select(l => l.TrimEnd())
                        .Where(l => l.Length > 0 && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal))
                ); // stack frames name JIT-generated methods
            }
        }

        return lines;
    }

    public static string Normalize(string text, IEnumerable<string> folders)
    {
        foreach (string folder in folders.Where(f => f.Length > 1).OrderByDescending(f => f.Length))
        {
            text = text.Replace(folder, "<path>");
        }

        text = Guid().Replace(text, "<id>");
        text = TableId().Replace(text, "${kind}_<id>");
        text = Timestamp().Replace(text, "<time>");
        text = Duration().Replace(text, "${lead} <duration>");
        text = ExecutionTime().Replace(text, "${name}<duration>");
        text = LambdaMethod().Replace(text, "lambda_method");
        return text.Replace("\r\n", "\n");
    }

    private static IEnumerable<string> Texts(InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement text:
                yield return text.Text;
                break;
            case ErrorElement error:
                yield return $"{error.ErrorName}: {error.ErrorValue}";
                break;
            case DisplayElement display:
                foreach (var t in DataTexts(display.Data))
                {
                    yield return t;
                }

                break;
            case ReturnValueElement value:
                foreach (var t in DataTexts(value.Data))
                {
                    yield return t;
                }

                break;
        }
    }

    private static IEnumerable<string> DataTexts(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/plain", out var plain) && AsText(plain) is { } text)
        {
            yield return text;
        }

        if (PlotlyChart.In(data) is { } chart)
        {
            foreach (string line in chart.ComparableLines())
            {
                yield return line;
            }

            yield break;
        }

        if (data.TryGetValue("text/html", out var html) && AsText(html) is { } markup && markup.Contains("<table", StringComparison.OrdinalIgnoreCase))
        {
            // A table as one line per row, cells separated by " | ", tags dropped.
            foreach (Match row in TableRow().Matches(markup))
            {
                var cells = TableCell().Matches(row.Value).Select(c => System.Net.WebUtility.HtmlDecode(Tag().Replace(c.Groups[1].Value, "").Trim()));
                yield return string.Join(" | ", cells);
            }
        }
    }

    /// <summary>Output data as text: a string as written, or (as Jupyter stores multi-line values) a list of lines joined.</summary>
    public static string? AsText(object? value) =>
        value switch
        {
            null => null,
            string s => s,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array => string.Concat(
                array.EnumerateArray().Select(e => e.ToString())
            ),
            System.Text.Json.JsonElement element => element.ToString(),
            System.Collections.IEnumerable items => string.Concat(items.Cast<object?>().Select(i => i?.ToString())),
            _ => value.ToString(),
        };

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"lambda_method\d+")]
    private static partial Regex LambdaMethod();

    [GeneratedRegex(@"(?<kind>table|page)_\d+")]
    private static partial Regex TableId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(?<lead>\b(?:took|in|elapsed|after|time:?))\s+\d+(?:[.,]\d+)?\s?(?:ms|s|sec|seconds|min)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?<name>execution_time_seconds\W{1,3})\d+(?:\.\d+)?(?:E-?\d+)?")]
    private static partial Regex ExecutionTime();

    [GeneratedRegex(@"<tr[^>]*>.*?</tr>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TableCell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
