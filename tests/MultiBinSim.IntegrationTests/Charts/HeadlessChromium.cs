using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MultiBinSim.Tests.Charts;

/// <summary>
/// Renders an HTML page in headless Chromium (Debian's <c>chromium</c> package) and reports what went wrong: JavaScript
/// errors (an injected <c>window.onerror</c>, capturing failed script loads, uncaught exceptions, unhandled promise
/// rejections and <c>console.error</c>, writes them into the DOM, which <c>--dump-dom</c> returns), a plot with
/// nothing drawn (no marker, line or heatmap image in Plotly's SVG), and a blank screenshot. Nothing here measures time:
/// the page gets a generous virtual-time budget and the process a generous wall-clock limit.
/// </summary>
internal static partial class HeadlessChromium
{
    private const string ErrorAttribute = "data-js-errors";
    private const string DoneAttribute = "data-page-done";

    /// <summary>Generous: a loaded machine may take long to start Chromium; this only bounds a hung browser.</summary>
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);

    private static readonly string Probe = $$"""
        <script>
        (function () {
          function mark(text) {
            var d = document.documentElement;
            d.setAttribute('{{ErrorAttribute}}', (d.getAttribute('{{ErrorAttribute}}') || '') + '|' + text);
          }
          window.addEventListener('error', function (e) {
            mark(e.message ? 'uncaught: ' + e.message : 'failed to load ' + ((e.target && (e.target.src || e.target.href)) || 'a resource'));
          }, true);
          window.addEventListener('unhandledrejection', function (e) { mark('unhandled rejection: ' + e.reason); });
          var consoleError = console.error;
          console.error = function () { mark('console.error: ' + Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };
          window.addEventListener('load', function () { setTimeout(function () { document.documentElement.setAttribute('{{DoneAttribute}}', '1'); }, 0); });
        })();
        </script>
        """;

    /// <summary>Why tests that render pages cannot run where Chromium is not on PATH.</summary>
    public const string NotInstalled = "Headless rendering needs Chromium, which is not installed (Debian: apt-get install chromium; .ci/run installs it).";

    /// <summary>The Chromium executable on PATH, or null.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Skips the calling test with a clear message when Chromium is not installed.</summary>
    public static string Require() => Executable ?? throw SkipException();

    private static Exception SkipException()
    {
        Assert.Skip(NotInstalled);
        return new UnreachableException();
    }

    /// <summary>
    /// Renders <paramref name="page"/> (a file; scripts it loads by relative path are next to it) and returns the
    /// problems found; empty when the page ran without a JavaScript error and drew something.
    /// </summary>
    public static IReadOnlyList<string> Problems(string page, string workFolder)
    {
        string chromium = Require();
        string html = File.ReadAllText(page);
        int head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        string probed = head >= 0 ? html.Insert(head + "<head>".Length, Probe) : Probe + html;
        string probedPage = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(page))!, Path.GetFileNameWithoutExtension(page) + ".probe.html");
        File.WriteAllText(probedPage, probed);
        string url = new Uri(probedPage).AbsoluteUri;

        var problems = new List<string>();
        var (dom, log) = Run(chromium, workFolder, "--dump-dom", url);
        if (!dom.Contains(DoneAttribute, StringComparison.Ordinal))
        {
            problems.Add($"the page never finished loading (no {DoneAttribute} marker in the DOM); Chromium said: {Tail(log)}");
        }

        var errors = ErrorPattern().Match(dom);
        if (errors.Success)
        {
            problems.Add("JavaScript errors: " + System.Net.WebUtility.HtmlDecode(errors.Groups[1].Value).Trim('|'));
        }

        int drawn = Count(dom, "class=\"point\"") + Count(dom, "class=\"js-line\" d=\"M") + Count(dom, "<image");
        if (!dom.Contains("class=\"main-svg\"", StringComparison.Ordinal))
        {
            problems.Add("Plotly drew no plot (no main-svg element)");
        }
        else if (drawn == 0)
        {
            problems.Add("the plot is empty: no marker, line or heatmap image in the SVG");
        }

        string screenshot = Path.Combine(workFolder, Path.GetFileNameWithoutExtension(page) + ".png");
        var (_, screenshotLog) = Run(chromium, workFolder, $"--screenshot={screenshot}", "--window-size=1200,800", url);
        if (!File.Exists(screenshot))
        {
            problems.Add($"no screenshot was written; Chromium said: {Tail(screenshotLog)}");
        }
        else
        {
            var image = PngImage.Read(screenshot);
            // The middle of the page, where the plot area is: a drawn chart has axes, grid lines and traces there.
            double ink = image.NonBackgroundFraction(image.Width / 10, image.Height / 10, image.Width * 9 / 10, image.Height * 6 / 10);
            if (ink < 0.01)
            {
                problems.Add($"the screenshot is blank in the plot area ({ink:P2} of its pixels differ from the background)");
            }
        }

        return problems;
    }

    private static (string Stdout, string Stderr) Run(string chromium, string workFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workFolder,
        };
        foreach (
            var argument in new[]
            {
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--allow-file-access-from-files",
                "--user-data-dir=" + Path.Combine(workFolder, "profile-" + Guid.NewGuid().ToString("N")),
                "--virtual-time-budget=10000",
            }.Concat(arguments)
        )
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{chromium} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ProcessLimit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Chromium did not finish within {ProcessLimit.TotalMinutes} minutes ({string.Join(' ', arguments)}).");
        }

        process.WaitForExit();
        return (stdout.Result, stderr.Result);
    }

    private static int Count(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Tail(string log) => log.Length <= 600 ? log : log[^600..];

    private static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                string path = Path.Combine(folder, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("data-js-errors=\"([^\"]*)\"")]
    private static partial Regex ErrorPattern();
}
