using System.Diagnostics;
using System.Globalization;
using MultiBinSim.Workloads;

namespace MultiBinSim.Cli;

/// <summary>
/// A long run's progress on stderr: requests arrived of the total, simulated time and rate. Nothing in a run's first
/// <see cref="QuietSeconds"/> seconds (short runs print nothing), then at most one report per
/// <see cref="EverySeconds"/>: rewritten in place on a terminal, one line each otherwise.
/// </summary>
internal sealed class ProgressLine(bool enabled, bool terminal)
{
    public const double QuietSeconds = 3.0;
    public const double EverySeconds = 2.0;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _lastReport = double.NegativeInfinity;
    private int _width;

    public void Report(RunProgress progress)
    {
        double now = _clock.Elapsed.TotalSeconds;
        if (!enabled || now < QuietSeconds || now - _lastReport < EverySeconds)
        {
            return;
        }

        _lastReport = now;
        string text = Text(progress, now);
        if (terminal)
        {
            Console.Error.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }
        else
        {
            Console.Error.WriteLine(text);
        }
    }

    /// <summary>Ends an in-place line, so what follows starts on its own line.</summary>
    public void Finish()
    {
        if (_width > 0)
        {
            Console.Error.WriteLine();
        }
    }

    internal static string Text(RunProgress progress, double seconds) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"progress: {progress.Arrived:N0} of {progress.Total:N0} requests ({(double)progress.Arrived / progress.Total:P0}), simulated {TimeSpan.FromSeconds(progress.SimulatedTime).TotalHours:N1} h, {progress.Arrived / seconds:N0} req/s"
        );
}
