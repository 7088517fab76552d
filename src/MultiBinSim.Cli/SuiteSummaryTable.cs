using MultiBinSim.Experiments;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>The final per-step tables of a suite run, and where its files are.</summary>
internal static class SuiteSummaryTable
{
    public static void Print(SuiteSummary summary, SuiteOptions options)
    {
        AnsiConsole.MarkupLine(Markup.Escape(SuiteStepTable.Describe(options)));
        foreach (var step in summary.Steps)
        {
            var view = SuiteStepTable.Of(step.Rows, options);
            var table = new Table()
                .Border(TableBorder.Rounded)
                .Title($"[bold]{Markup.Escape(SuiteStep.Title(step.Step))}[/] ({step.Run} run, {step.Skipped} reused, {step.Failed} failed)")
                .AddColumns(view.Headers.Select(Markup.Escape).ToArray());
            for (int i = 0; i < view.Rows.Count; i++)
            {
                var cells = view.Rows[i].Select(Markup.Escape).ToArray();
                if (view.Failed[i])
                {
                    cells[^1] = $"[red]{cells[^1]}[/]";
                }

                table.AddRow(cells);
            }

            if (view.Notes.Count > 0)
            {
                table.Caption(Markup.Escape(string.Join(" ", view.Notes)));
            }

            AnsiConsole.Write(table);
        }

        AnsiConsole.MarkupLine(
            $"Results in [bold]{Markup.Escape(Path.GetFullPath(summary.OutputFolder))}[/] "
                + $"(all_results.csv/.parquet, step views, {Markup.Escape(SuiteAnalysis.FileName)}, {summary.Charts.Count} charts, front page {Reporting.IndexHtml.FileName}) in {summary.Elapsed.TotalSeconds:F1} s."
        );
    }

    /// <summary>The summary as one JSON object: the load level (when given), folder, analysis file, charts and each step's counts and rows.</summary>
    public static void WriteJson(System.Text.Json.Utf8JsonWriter json, SuiteSummary summary, string? level)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(summary);
        json.WriteStartObject();
        if (level is not null)
        {
            json.WriteString("load_level", level);
        }

        json.WriteString("output_folder", Path.GetFullPath(summary.OutputFolder));
        json.WriteString("analysis", Path.GetFullPath(summary.AnalysisPath));
        json.WriteStartArray("charts");
        foreach (var chart in summary.Charts)
        {
            json.WriteStringValue(chart);
        }

        json.WriteEndArray();
        json.WriteNumber("failed", summary.Failed);
        json.WriteStartArray("steps");
        foreach (var step in summary.Steps)
        {
            json.WriteStartObject();
            json.WriteNumber("step", step.Step);
            json.WriteString("title", SuiteStep.Title(step.Step));
            json.WriteNumber("planned", step.Planned);
            json.WriteNumber("run", step.Run);
            json.WriteNumber("skipped", step.Skipped);
            json.WriteNumber("failed", step.Failed);
            JsonOutput.WriteRows(json, "rows", step.Rows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
