using System.Globalization;
using MultiBinSim.Experiments;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>The final per-step tables of a suite run, and where its files are.</summary>
internal static class SuiteSummaryTable
{
    public static void Print(SuiteSummary summary)
    {
        foreach (var step in summary.Steps)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"[bold]{Markup.Escape(SuiteStep.Title(step.Step))}[/] ({step.Run} run, {step.Skipped} reused, {step.Failed} failed)")
                .AddColumns("scheduler", "N", "G", "K", "sla_violation_rate", "capacity_qps_under_sla", "p95_latency (s)", "avg_gpu_utilization", "status");
            foreach (var row in step.Rows)
            {
                table.AddRow(
                    row.GetString("scheduler_type") ?? "",
                    Format(row.Get<int>("num_requests")),
                    Format(row.Get<int>("num_gpus")),
                    Format(row.Get<int>("k_bins")),
                    Format(row.Get<double>("sla_violation_rate")),
                    Format(row.Get<double>("capacity_qps_under_sla")),
                    Format(row.Get<double>("p95_latency")),
                    Format(row.Get<double>("avg_gpu_utilization")),
                    row.Succeeded ? "success" : "[red]failed[/]");
            }

            AnsiConsole.Write(table);
        }

        AnsiConsole.MarkupLine($"Results in [bold]{Markup.Escape(Path.GetFullPath(summary.OutputFolder))}[/] " +
            $"(all_results.csv/.parquet, step views, {Markup.Escape(SuiteAnalysis.FileName)}, {summary.Charts.Count} charts, front page {Reporting.IndexHtml.FileName}) in {summary.Elapsed.TotalSeconds:F1} s.");
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

    private static string Format(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Format(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "-";
}
