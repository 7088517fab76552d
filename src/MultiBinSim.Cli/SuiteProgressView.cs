using System.Collections.Concurrent;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>Shows a suite run: Spectre progress bars on a terminal, one plain line per test otherwise (CI logs).</summary>
internal static class SuiteProgressView
{
    /// <param name="options">The suite to run.</param>
    /// <param name="cancellation">Stops the run.</param>
    /// <param name="lines">Plain lines on <see cref="Console.Out"/> even on a terminal (<c>--json</c> sends them to stderr).</param>
    public static async Task<SuiteSummary> RunAsync(SuiteOptions options, CancellationToken cancellation, bool lines = false)
    {
        bool interactive = !lines && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            return await new SuiteRunner(options, new LineSuiteObserver(Console.Out), new SuiteChartWriter(CommandLineText.Current)).RunAsync(cancellation);
        }

        SuiteSummary? summary = null;
        await AnsiConsole
            .Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                summary = await new SuiteRunner(options, new BarObserver(context), new SuiteChartWriter(CommandLineText.Current)).RunAsync(cancellation);
            });
        return summary!;
    }

    /// <summary>One bar per step: tests done / total, ETA, and the label of the test that started last.</summary>
    private sealed class BarObserver(ProgressContext context) : ISuiteObserver
    {
        private readonly ConcurrentDictionary<int, ProgressTask> _bars = new();

        public void Info(string message) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

        public void Warning(string message) => AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

        public void StepStarted(int step, int toRun, int skipped)
        {
            if (skipped > 0)
            {
                Info($"{SuiteStep.Title(step)}: skipping {skipped} tests already stored with success.");
            }

            var bar = context.AddTask(Markup.Escape(SuiteStep.Title(step)), maxValue: Math.Max(1, toRun));
            if (toRun == 0)
            {
                bar.Value = bar.MaxValue;
            }

            _bars[step] = bar;
        }

        public void TestStarted(int step, SuiteTest test) => _bars[step].Description = Markup.Escape($"{SuiteStep.Title(step)}: {test.Label}");

        public void TestFinished(int step, SuiteTest test, ResultRow row)
        {
            if (!row.Succeeded)
            {
                AnsiConsole.MarkupLine(
                    $"[red]failed:[/] {Markup.Escape(test.Label)}: {Markup.Escape(row.GetString(ConfigurationColumns.ErrorMessage.Name) ?? "")}"
                );
            }

            _bars[step].Increment(1);
        }

        public void StepFinished(int step, IReadOnlyList<ResultRow> rows) =>
            _bars[step].Description = Markup.Escape($"{SuiteStep.Title(step)} ({rows.Count} tests)");
    }
}
