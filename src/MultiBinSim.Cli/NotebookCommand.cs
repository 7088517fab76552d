using System.CommandLine;
using MultiBinSim.Notebooks;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim notebook run</c> and <c>mbsim notebook verify</c>: the headless notebook runner.</summary>
internal static class NotebookCommand
{
    public const int CellFailed = 1;
    public const int OutputsDiffer = 3;

    public static Command Create() => new("notebook", "Execute C# notebooks headlessly and verify their committed outputs.") { Run(), Verify() };

    private static Command Run()
    {
        var notebook = new Argument<string>("NOTEBOOK") { Description = "The .ipynb to execute." };
        var parameters = new Option<string[]>("-p", "--parameter")
        {
            Description = "Name=Value: set a parameter declared in the cell tagged 'parameters' (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        }.Binds("Parameter");
        var output = new Option<string?>("-o", "--output") { Description = "Where to write the executed notebook (default: NAME.executed.ipynb beside it)." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (renders offline)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one cell may run before the run fails." }.Binds("Timeout");
        var noImages = new Option<bool>("--no-chart-images")
        {
            Description =
                "Do not add a static PNG beside each chart output (added by default with headless Chromium, so viewers without JavaScript, like GitHub's, show the charts).",
        };
        var imageSize = new Option<string?>("--chart-image-size")
        {
            Description = "WIDTHxHEIGHT of the chart images where the chart's layout sets no size (default 900x500).",
        };
        var command = new Command("run", "Execute a notebook cell by cell in its own folder, with parameters, and write the executed notebook.")
        {
            notebook,
            parameters,
            output,
            html,
            timeout,
            noImages,
            imageSize,
        };
        command.SetAction(
            (parse, cancellation) =>
                CliErrors.GuardAsync(async () =>
                {
                    string path = parse.GetValue(notebook)!;
                    var values = ParseParameters(parse.GetValue(parameters) ?? []);
                    string target = parse.GetValue(output)
                        ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".executed.ipynb");
                    var size = ImageSize(parse.GetValue(imageSize));
                    var run = await NotebookRunner.RunAsync(path, values, Seconds(parse.GetValue(timeout)), new Progress(), cancellation);
                    if (!parse.GetValue(noImages))
                    {
                        await AttachChartImagesAsync(run, size, cancellation);
                    }

                    NotebookFile.Save(run.Document, target);
                    Console.WriteLine($"Wrote {target}");
                    if (parse.GetValue(html) is { } report)
                    {
                        NotebookHtml.Write(run.Document, report, Path.GetFileNameWithoutExtension(path));
                        Console.WriteLine($"Wrote {report}");
                    }

                    if (run.Failure is { } failure)
                    {
                        Console.Error.WriteLine($"error: cell {failure.Number} of {failure.Total} failed: {failure.SourceHead}");
                        Console.Error.WriteLine(failure.Error);
                        return CellFailed;
                    }

                    return 0;
                })
        );
        return command;
    }

    private static Command Verify()
    {
        var notebooks = new Argument<string[]>("NOTEBOOK") { Description = "Notebooks to re-execute and compare.", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one cell may run before the run fails." }.Binds("Timeout");
        var command = new Command(
            "verify",
            "Re-execute notebooks with their committed parameters and compare every text, table and chart output with the committed one (chart data, not chart images; a chart without an image is reported)."
        )
        {
            notebooks,
            timeout,
        };
        command.SetAction(
            (parse, cancellation) =>
                CliErrors.GuardAsync(async () =>
                {
                    int worst = 0;
                    foreach (string path in parse.GetValue(notebooks)!)
                    {
                        Console.WriteLine($"Verifying {path}");
                        var result = await NotebookVerifier.VerifyAsync(path, Seconds(parse.GetValue(timeout)), new Progress(), cancellation);
                        if (result.Run.Failure is { } failure)
                        {
                            Console.Error.WriteLine($"error: {path}: cell {failure.Number} failed: {failure.SourceHead}\n{failure.Error}");
                            worst = Math.Max(worst, CellFailed);
                        }

                        foreach (var difference in result.Differences)
                        {
                            Console.WriteLine($"  cell {difference.Number} differs: {difference.SourceHead}");
                            foreach (string line in difference.Diff.Take(40))
                            {
                                Console.WriteLine("    " + line);
                            }
                        }

                        if (result.Identical)
                        {
                            Console.WriteLine($"  identical: every compared output matches ({result.Run.Cells.Count} cells run).");
                        }
                        else if (result.Differences.Count > 0)
                        {
                            worst = Math.Max(worst, OutputsDiffer);
                        }
                    }

                    return worst;
                })
        );
        return command;
    }

    /// <summary>
    /// Adds a PNG beside every chart output. Without Chromium, or when it fails, the notebook is still written (its
    /// charts with HTML only) and one warning line on stderr says so; <c>notebook verify</c> then reports the missing images.
    /// </summary>
    private static async Task AttachChartImagesAsync(NotebookRun run, ChartImageSize size, CancellationToken cancellation)
    {
        int count = ChartImages.Find(run.Document).Count();
        if (count == 0)
        {
            return;
        }

        string charts = count == 1 ? "1 chart output" : $"{count} chart outputs";

        if (ChromiumChartRenderer.Find(out string? whyNot) is not { } renderer)
        {
            Console.Error.WriteLine(
                $"warning: {charts} written without static images: {whyNot} (install chromium, or set {ChromiumChartRenderer.EnvironmentVariable}; --no-chart-images skips them)."
            );
            return;
        }

        try
        {
            var report = await ChartImages.AttachAsync(run.Document, renderer, size, cancellation);
            Console.WriteLine($"Drew {report.Attached} of {report.Charts} chart images ({renderer.Executable})");
            foreach (string problem in report.Problems)
            {
                Console.Error.WriteLine($"warning: chart without a static image: {problem}");
            }
        }
        catch (ChartRenderingException e)
        {
            Console.Error.WriteLine($"warning: {charts} written without static images: {e.Message}");
        }
    }

    private static ChartImageSize ImageSize(string? value)
    {
        if (value is null)
        {
            return ChartImageSize.Default;
        }

        var parts = value.ToLowerInvariant().Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], out int w) && int.TryParse(parts[1], out int h) && w is >= 50 and <= 4000 && h is >= 50 and <= 4000
            ? new ChartImageSize(w, h)
            : throw new Errors.ConfigurationException("ChartImageSize", $"expects WIDTHxHEIGHT in pixels, each 50 to 4000 (got '{value}')");
    }

    private static Dictionary<string, string> ParseParameters(IEnumerable<string> values)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            int eq = value.IndexOf('=');
            if (eq <= 0)
            {
                throw new Errors.ConfigurationException("Parameter", $"expects Name=Value (got '{value}')");
            }

            parsed[value[..eq].Trim()] = value[(eq + 1)..];
        }

        return parsed;
    }

    private static TimeSpan? Seconds(double? seconds) =>
        seconds is { } s ? (s > 0 ? TimeSpan.FromSeconds(s) : throw new Errors.ConfigurationException("Timeout", $"must be > 0 seconds (got {s})")) : null;

    /// <summary>One line per executed cell, to the console as it was before any cell could redirect it.</summary>
    private sealed class Progress : IProgress<CellOutcome>
    {
        private readonly TextWriter _output = Console.Out;

        public void Report(CellOutcome cell) =>
            _output.WriteLine($"  [{cell.Number}/{cell.Total}] {(cell.Failed ? "FAILED" : "ok    ")} {Seconds(cell.Elapsed)} s  {cell.SourceHead}");

        /// <summary>Seconds right-aligned in six columns, one decimal.</summary>
        private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.CurrentCulture).PadLeft(6);
    }
}
