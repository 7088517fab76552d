using System.Text;
using System.Text.Json;
using MultiBinSim.Experiments.Reproductions;

namespace MultiBinSim.Reporting;

/// <summary>A finished reproduction with the files it wrote.</summary>
/// <param name="Result">What it produced.</param>
/// <param name="Files">Where it was written.</param>
public sealed record ReproductionOutcome(ReproductionResult Result, ReproductionFiles Files);

/// <summary>Text and JSON reports of reproductions (for the command line and notebooks).</summary>
public static class ReproductionReport
{
    /// <summary>One line per published number: paper value, ours, relative difference, within tolerance or not.</summary>
    public static IReadOnlyList<string> Lines(ReproductionResult result) => result.Comparisons.Select(c => c.Describe()).ToArray();

    /// <summary>
    /// The reproduction's finding in one sentence, from its comparisons only: how many checkable published numbers are
    /// within tolerance and the largest difference among them, which are OUTSIDE, how many are not checked and how many
    /// of the kit's own numbers have no published value.
    /// </summary>
    public static string Finding(ReproductionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var comparisons = result.Comparisons;
        var checkable = comparisons.Where(x => x.WithinTolerance is not null).ToArray();
        var outside = checkable.Where(x => x.WithinTolerance == false).ToArray();
        int notChecked = comparisons.Count(x => x.Verdict == "not checked");
        int unpublished = comparisons.Count(x => x.PaperValue is null);
        var parts = new List<string>();
        if (checkable.Length > 0)
        {
            var largest = checkable.MaxBy(x => x.RelativeDifference)!;
            parts.Add(
                $"{checkable.Length - outside.Length} of {checkable.Length} checkable published numbers are within their tolerance "
                    + $"(largest difference {largest.RelativeDifference!.Value.ToString("P2", c)}, {largest.Quantity})"
            );
            if (outside.Length > 0)
            {
                parts.Add($"OUTSIDE tolerance: {string.Join(", ", outside.Select(x => x.Quantity))}");
            }
        }

        if (notChecked > 0)
        {
            parts.Add($"{notChecked} published number{(notChecked > 1 ? "s are" : " is")} not checked (the note says why)");
        }

        if (unpublished > 0)
        {
            parts.Add($"{unpublished} of the kit's own number{(unpublished > 1 ? "s have" : " has")} no published value");
        }

        return parts.Count == 0 ? "No published numbers to compare." : char.ToUpperInvariant(parts[0][0]) + string.Join("; ", parts)[1..] + ".";
    }

    /// <summary>
    /// A JSON list with, per reproduction: name, title, paper, setup, csv, html, all_within_tolerance, finding
    /// (<see cref="Finding"/>), the options it ran with when given (quick, seeds: null for the paper's, genuine_traces)
    /// and comparisons (quantity, paper_value and relative_difference (null when no paper has the number), our_value,
    /// tolerance (null when not checked), within_tolerance, note).
    /// </summary>
    public static string ToJson(IEnumerable<ReproductionOutcome> outcomes, ReproductionOptions? options = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var (result, files) in outcomes)
            {
                json.WriteStartObject();
                json.WriteString("name", result.Name);
                json.WriteString("title", result.Title);
                json.WriteString("paper", result.Paper);
                json.WriteString("setup", result.Setup);
                json.WriteString("csv", files.CsvPath);
                json.WriteString("html", files.HtmlPath);
                json.WriteBoolean("all_within_tolerance", result.AllWithinTolerance);
                json.WriteString("finding", Finding(result));
                if (options is not null)
                {
                    json.WriteStartObject("options");
                    json.WriteBoolean("quick", options.Quick);
                    WriteNullable(json, "seeds", options.Seeds);
                    if (options.GenuineTraceFolder is { } traces)
                    {
                        json.WriteString("genuine_traces", traces);
                    }
                    else
                    {
                        json.WriteNull("genuine_traces");
                    }

                    json.WriteEndObject();
                }

                json.WriteStartArray("charts");
                foreach (var chart in result.Charts)
                {
                    json.WriteStringValue(chart.Title);
                }

                json.WriteEndArray();
                json.WriteStartArray("comparisons");
                foreach (var c in result.Comparisons)
                {
                    json.WriteStartObject();
                    json.WriteString("quantity", c.Quantity);
                    // No paper has the number: null, rather than an invented reference value and difference.
                    WriteNullable(json, "paper_value", c.PaperValue);
                    json.WriteNumber("our_value", c.OurValue);
                    WriteNullable(json, "relative_difference", c.RelativeDifference);
                    if (c.Tolerance is { } t)
                    {
                        json.WriteNumber("tolerance", t);
                        json.WriteBoolean("within_tolerance", c.WithinTolerance!.Value);
                    }
                    else
                    {
                        json.WriteNull("tolerance");
                        json.WriteNull("within_tolerance");
                    }

                    json.WriteString("note", c.Note);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
