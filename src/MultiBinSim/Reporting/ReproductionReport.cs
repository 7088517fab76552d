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
    /// A JSON list with, per reproduction: name, title, paper, setup, csv, html, all_within_tolerance and comparisons
    /// (quantity, paper_value and relative_difference (null when no paper has the number), our_value, tolerance (null
    /// when not checked), within_tolerance, note).
    /// </summary>
    public static string ToJson(IEnumerable<ReproductionOutcome> outcomes)
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
