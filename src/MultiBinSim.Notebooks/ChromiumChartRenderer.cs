using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiBinSim.Notebooks;

/// <summary>
/// Renders Plotly charts to PNG with Plotly's own static export (<c>Plotly.toImage</c>) in headless Chromium, offline:
/// one page per notebook loads the plotly.js that Plotly.NET embeds (the version its outputs load from the CDN),
/// draws each chart at its image size and writes the PNG into the DOM, which <c>--dump-dom</c> returns. One browser
/// process serves all the charts of a notebook. Nothing here measures time: the page gets a generous virtual-time
/// budget and the browser a generous wall-clock limit that only bounds a hung process.
/// </summary>
public sealed partial class ChromiumChartRenderer(string executable) : IChartRenderer
{
    /// <summary>Names the browser executable, overriding the search on PATH; set to an empty value to disable images.</summary>
    public const string EnvironmentVariable = "MBSIM_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public string Executable { get; } = executable;

    /// <summary>Bounds a hung browser only; a loaded machine may take minutes to start Chromium and draw many charts.</summary>
    public TimeSpan ProcessLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A renderer using Chromium from <see cref="EnvironmentVariable"/> or PATH, or null with one line saying why not.
    /// </summary>
    public static ChromiumChartRenderer? Find(out string? whyNot)
    {
        whyNot = null;
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (configured is not null)
        {
            if (File.Exists(configured))
            {
                return new ChromiumChartRenderer(configured);
            }

            whyNot = configured.Length == 0 ? $"{EnvironmentVariable} is empty" : $"{EnvironmentVariable}={configured} does not exist";
            return null;
        }

        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in Names)
            {
                string path = Path.Combine(folder, name);
                if (File.Exists(path))
                {
                    return new ChromiumChartRenderer(path);
                }
            }
        }

        whyNot = $"no {Names[0]} on PATH";
        return null;
    }

    public async Task<IReadOnlyList<ChartImage>> RenderAsync(IReadOnlyList<PlotlyChart> charts, ChartImageSize size, CancellationToken cancellation)
    {
        if (charts.Count == 0)
        {
            return [];
        }

        string folder = Path.Combine(Path.GetTempPath(), "mbsim-charts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "plotly.min.js"), NotebookHtml.PlotlyJs(), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(folder, "charts.js"), ChartsScript(charts, size), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(folder, "page.html"), Page, new UTF8Encoding(false));
            string dom = await RunAsync(folder, new Uri(Path.Combine(folder, "page.html")).AbsoluteUri, cancellation);
            return Results(dom, charts.Count);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A browser helper may still hold the profile for a moment; the temp folder is cleaned eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The charts as a script: each one's data, layout and config, and the image size it is drawn at.</summary>
    internal static string ChartsScript(IReadOnlyList<PlotlyChart> charts, ChartImageSize size)
    {
        var script = new StringBuilder("window.mbsimCharts = [\n");
        foreach (var chart in charts)
        {
            var (width, height) = size.For(chart);
            // The JSON is valid JavaScript; it is loaded as a file, so nothing in it can end a <script> tag.
            script.Append("{width:").Append(width).Append(",height:").Append(height)
                .Append(",data:").Append(chart.Data).Append(",\nlayout:").Append(chart.Layout).Append(",\nconfig:").Append(chart.Config).Append("},\n");
        }

        return script.Append("];\n").ToString();
    }

    /// <summary>One result per chart from the dumped DOM; a chart the page did not reach reports that.</summary>
    internal static IReadOnlyList<ChartImage> Results(string dom, int count)
    {
        var results = new ChartImage?[count];
        foreach (Match m in ResultPattern().Matches(dom))
        {
            if (int.TryParse(m.Groups["index"].Value, out int i) && i >= 0 && i < count)
            {
                string text = m.Groups["text"].Value.Trim();
                results[i] = m.Groups["kind"].Value == "png"
                    ? new ChartImage(Smaller(text), null)
                    : new ChartImage(null, "plotly.js could not draw it: " + WebUtility.HtmlDecode(text));
            }
        }

        string? pageError = PageErrorPattern().Match(dom) is { Success: true } e ? WebUtility.HtmlDecode(e.Groups[1].Value) : null;
        if (results.All(r => r is null))
        {
            throw new ChartRenderingException("headless Chromium drew no chart" + (pageError is null ? " (the page did not run; is plotly.js loadable?)" : $": {pageError}"));
        }

        return results.Select(r => r ?? new ChartImage(null, "Chromium stopped before drawing it" + (pageError is null ? "" : $" ({pageError})"))).ToArray();
    }

    /// <summary>The base64 PNG re-encoded by <see cref="PngOptimizer"/> (canvas PNGs are deflated for speed, not size).</summary>
    private static string Smaller(string base64)
    {
        try
        {
            return Convert.ToBase64String(PngOptimizer.Optimize(Convert.FromBase64String(base64)));
        }
        catch (FormatException)
        {
            return base64;
        }
    }

    private async Task<string> RunAsync(string folder, string url, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (string argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                     "--allow-file-access-from-files", "--user-data-dir=" + Path.Combine(folder, "profile"),
                     "--virtual-time-budget=600000", "--dump-dom", url,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ChartRenderingException($"{Executable} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChartRenderingException($"{Executable} did not start: {e.Message}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = process.StandardError.ReadToEndAsync(cancellation);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            limit.CancelAfter(ProcessLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellation.ThrowIfCancellationRequested();
                throw new ChartRenderingException($"{Executable} did not finish within {ProcessLimit.TotalMinutes:0.#} minutes.");
            }

            string dom = await stdout;
            string log = await stderr;
            if (!dom.Contains("data-charts-done", StringComparison.Ordinal) && !ResultPattern().IsMatch(dom))
            {
                throw new ChartRenderingException($"{Executable} exited with {process.ExitCode} and drew no chart; it said: {Tail(log)}");
            }

            return dom;
        }
    }

    private static string Tail(string log)
    {
        string line = string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        return line.Length <= 400 ? line : line[^400..];
    }

    // The page: plotly.js and the charts from files beside it; each chart is drawn static at its image size, exported
    // with Plotly.toImage, and removed; its PNG (or the error) goes into a <pre> that the dumped DOM carries.
    private const string Page = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8">
        <script>
        window.addEventListener('error', function (e) {
          var d = document.documentElement;
          d.setAttribute('data-page-error', (d.getAttribute('data-page-error') || '') + (e.message || ('failed to load ' + ((e.target && e.target.src) || 'a resource'))) + ' ');
        }, true);
        </script>
        <script src="plotly.min.js"></script>
        <script src="charts.js"></script>
        </head><body><div id="results"></div>
        <script>
        (async function () {
          var charts = window.mbsimCharts || [];
          for (var i = 0; i < charts.length; i++) {
            var c = charts[i], result = document.createElement('pre');
            try {
              var div = document.createElement('div');
              document.body.appendChild(div);
              var layout = c.layout || {}, config = c.config || {};
              layout.width = c.width; layout.height = c.height; layout.autosize = false;
              config.staticPlot = true; config.responsive = false; config.displayModeBar = false;
              await Plotly.newPlot(div, c.data, layout, config);
              var url = await Plotly.toImage(div, { format: 'png', width: c.width, height: c.height, scale: 1 });
              result.id = 'chart-' + i + '-png';
              result.textContent = url.substring(url.indexOf(',') + 1);
              Plotly.purge(div);
              div.remove();
            } catch (e) {
              result.id = 'chart-' + i + '-error';
              result.textContent = String((e && e.message) || e);
            }
            document.getElementById('results').appendChild(result);
          }
          document.documentElement.setAttribute('data-charts-done', String(charts.length));
        })();
        </script>
        </body></html>
        """;

    [GeneratedRegex("<pre id=\"chart-(?<index>\\d+)-(?<kind>png|error)\">(?<text>[^<]*)</pre>")]
    private static partial Regex ResultPattern();

    [GeneratedRegex("data-page-error=\"([^\"]*)\"")]
    private static partial Regex PageErrorPattern();
}
