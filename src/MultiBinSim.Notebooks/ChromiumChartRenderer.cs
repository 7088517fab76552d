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
            catch (UnauthorizedAccessException) { }
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
            script
                .Append("{width:")
                .Append(width)
                .Append(",height:")
                .Append(height)
                .Append(",data:")
                .Append(chart.Data)
                .Append(",\nlayout:")
                .Append(chart.Layout)
                .Append(",\nconfig:")
                .Append(chart.Config)
                .Append("},\n");
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
                results[i] =
                    m.Groups["kind"].Value == "png"
                        ? new ChartImage(Smaller(text), null)
                        : new ChartImage(null, "plotly.js could not draw it: " + WebUtility.HtmlDecode(text));
            }
        }

        string? pageError = PageErrorPattern().Match(dom) is { Success: true } e ? WebUtility.HtmlDecode(e.Groups[1].Value) : null;
        if (results.All(r => r is null))
        {
            throw new ChartRenderingException(
                "headless Chromium drew no chart" + (pageError is null ? " (the page did not run; is plotly.js loadable?)" : $": {pageError}")
            );
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
        foreach (
            string argument in new[]
            {
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--hide-scrollbars",
                "--allow-file-access-from-files",
                "--user-data-dir=" + Path.Combine(folder, "profile"),
                "--virtual-time-budget=600000",
                "--dump-dom",
                url,
            }
        )
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
          var what = e.message || ('failed to load ' + ((e.target && e.target.src) || 'a resource'));
          d.setAttribute('data-page-error', (d.getAttribute('data-page-error') || '') + what + ' ');
        }, true);
        </script>
        <script src="plotly.min.js"></script>
        <script src="charts.js"></script>
        </head><body><div id="results"></div>
        <script>
        // Makes room until nothing is cut: a title line wider than its room is wrapped at spaces, and a title that reaches
        // into the plot is pinned to the top, the top margin growing under it; a legend wider than 40 % of the image moves under the plot (below the x axis
        // labels); a legend taller than its room, or a plot area squeezed by either, makes the image taller. The plot area
        // keeps the height it was first drawn with, and the width never changes.
        async function fit(div) {
          var plotHeight = div._fullLayout._size.h, below = false, pinned = false;
          for (var round = 0; round < 12; round++) {
            var full = div._fullLayout, size = full._size, update = {}, origin = div.getBoundingClientRect();
            var title = div.querySelector('.gtitle');
            if (title && full.title && full.title.text) {
              var wrapped = wrap(title, full.title.text, titleRoom(full));
              if (wrapped !== full.title.text) {
                update['title.text'] = wrapped;
              } else {
                // A title over the plot is pinned 32 px under the top edge, then the plot moves down under it.
                var overlap = title.getBoundingClientRect().bottom - origin.top - (size.t - 10);
                if (overlap > 0 && !pinned) {
                  pinned = true;
                  update['title.yref'] = 'container'; update['title.yanchor'] = 'top';
                } else if (overlap > 0) {
                  update['margin.t'] = full.margin.t + Math.ceil(overlap);
                }
              }
            }
            var legend = full.showlegend ? full.legend : null;
            if (legend && legend._width) {
              if (!below && legend._width > 0.4 * full.width) {
                below = true;
                update['legend.x'] = 0; update['legend.xanchor'] = 'left'; update['legend.yanchor'] = 'top'; update['legend.orientation'] = 'v';
              }
              if (below) {
                // Under the lowest x tick label or x axis title.
                var plotBottom = size.t + size.h, under = plotBottom + 30;
                div.querySelectorAll('.xtitle, .xtick text').forEach(function (node) {
                  var r = node.getBoundingClientRect();
                  if (r.height > 0) under = Math.max(under, r.bottom - origin.top);
                });
                var y = -(under + 14 - plotBottom) / size.h;
                if (legend.y === undefined || Math.abs(legend.y - y) > 0.002) update['legend.y'] = y;
              }
              if (legend._height > legend._effHeight + 1) update.height = full.height + Math.ceil(legend._height - legend._effHeight) + 10;
            }
            if (size.h < plotHeight - 1) update.height = (update.height || full.height) + Math.ceil(plotHeight - size.h);
            if (pinned) {
              var titleY = 1 - 32 / (update.height || full.height);
              if (typeof full.title.y !== 'number' || Math.abs(full.title.y - titleY) > 0.0005) update['title.y'] = titleY;
            }
            if (Object.keys(update).length === 0) return;
            await Plotly.relayout(div, update);
          }
        }

        // The width a title line may take: from the title's anchor (x, xanchor) to the image's edge, 8 px short of it.
        function titleRoom(full) {
          var x = typeof full.title.x === 'number' ? full.title.x : 0.5, anchor = full.title.xanchor;
          if (anchor === 'auto' || !anchor) anchor = x < 1 / 3 ? 'left' : x > 2 / 3 ? 'right' : 'center';
          var w = full.width;
          return anchor === 'left' ? w * (1 - x) - 8 : anchor === 'right' ? w * x - 8 : 2 * Math.min(x, 1 - x) * w - 16;
        }

        // The title with every line wider than the room broken at spaces (a <sub> line stays <sub> in each piece).
        function wrap(node, text, room) {
          var lines = text.split(/<br\s*\/?>/i), spans = node.querySelectorAll('tspan.line');
          return lines.map(function (line, i) {
            var width = spans.length === lines.length ? spans[i].getBoundingClientRect().width : node.getBoundingClientRect().width;
            if (width <= room) return line;
            var sub = /^\s*<sub>([\s\S]*)<\/sub>\s*$/i.exec(line);
            var plain = (sub ? sub[1] : line).replace(/<\/?(?:sub|sup|b|i|em|span)[^>]*>/gi, '');
            var most = Math.max(10, Math.floor(plain.length * room / width * 0.95)), pieces = [], current = '';
            plain.split(' ').forEach(function (word) {
              if (current && (current + ' ' + word).length > most) { pieces.push(current); current = word; }
              else current = current ? current + ' ' + word : word;
            });
            if (current) pieces.push(current);
            return pieces.map(function (p) { return sub ? '<sub>' + p + '</sub>' : p; }).join('<br>');
          }).join('<br>');
        }

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
              await fit(div);
              var url = await Plotly.toImage(div, { format: 'png', width: div._fullLayout.width, height: div._fullLayout.height, scale: 1 });
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
