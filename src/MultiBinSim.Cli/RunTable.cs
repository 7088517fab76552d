using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>Prints a run's configuration and metrics as Spectre.Console tables.</summary>
internal static class RunTable
{
    /// <summary>
    /// Draws a small table of the same kind into a discarded console: Spectre.Console's first table costs tens of
    /// milliseconds of type loading and layout code, which <c>mbsim run</c> pays on its second core while it simulates
    /// (see <see cref="RunCommand"/>) instead of after. Prints nothing.
    /// </summary>
    public static void Warm()
    {
        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(TextWriter.Null),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
            }
        );
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("[bold]mbsim run[/]")
            .AddColumn("metric")
            .AddColumn(new TableColumn("value").RightAligned())
            .AddColumn("unit");
        table.AddRow("requests", Markup.Escape("1,000 [x]"), "s");
        console.Write(table);
    }

    public static void Print(SingleRunOutcome outcome)
    {
        var w = outcome.Spec.Workload;
        var engine = outcome.Engine;
        var config = new Table().Border(TableBorder.Rounded).Title("[bold]mbsim run[/]").AddColumn("setting").AddColumn("value");
        config.AddRow("dataset", Markup.Escape(outcome.Workload.DisplayName));
        config.AddRow("requests", outcome.Result.Metrics.NumRequests.ToString("N0", CultureInfo.InvariantCulture));
        config.AddRow("arrivals", w.RealTimestamps ? "real timestamps" : $"timestamps / {w.RpsScaling.ToString(CultureInfo.InvariantCulture)} (rps scaling)");
        foreach (var (setting, value) in engine.RunTableRows(outcome.Completed))
        {
            config.AddRow(setting, Markup.Escape(value));
        }

        AnsiConsole.Write(config);

        var metrics = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        foreach (var metric in MetricCatalogue.All)
        {
            // Metrics the engine leaves empty (TTFT on the batch engine, ...) are not shown, nor those it does not show.
            if (metric.Read(outcome.Result.Metrics) is { } value && engine.ShowsInRunTable(metric))
            {
                metrics.AddRow(metric.Name, Format(value), Markup.Escape(metric.Unit ?? ""));
            }
        }

        AnsiConsole.Write(metrics);
    }

    private static string Format(object value) =>
        value switch
        {
            IReadOnlyList<long> values => string.Join(" ", values),
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
