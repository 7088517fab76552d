using System.Globalization;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// One published number beside ours. <see cref="Tolerance"/> is the largest relative difference we accept; null when
/// the number cannot be reached by our model and is shown only for comparison (<see cref="Note"/> says why).
/// </summary>
/// <param name="Quantity">What is compared, with its unit (e.g. "plateau throughput k=3 (req/s)").</param>
/// <param name="PaperValue">The paper's value (or, where the paper shows only a plot, its closed form: the note says so).</param>
/// <param name="OurValue">Our simulated value.</param>
/// <param name="RelativeDifference">|ours - paper| / |paper|.</param>
/// <param name="Tolerance">Accepted relative difference, or null when the number is not checkable.</param>
/// <param name="Note">Where the paper's value comes from, and why a number cannot be reached.</param>
public sealed record PublishedComparison(string Quantity, double PaperValue, double OurValue, double RelativeDifference, double? Tolerance, string Note)
{
    /// <summary>A comparison with the relative difference computed.</summary>
    public static PublishedComparison Of(string quantity, double paperValue, double ourValue, double? tolerance, string note) =>
        new(quantity, paperValue, ourValue, Math.Abs(ourValue - paperValue) / Math.Abs(paperValue), tolerance, note);

    /// <summary>True when checkable and within tolerance; false when outside; null when not checkable.</summary>
    public bool? WithinTolerance => Tolerance is { } t ? RelativeDifference <= t : null;

    /// <summary>One line: quantity, paper, ours, relative difference and verdict.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string verdict = WithinTolerance switch
        {
            true => $"within {Tolerance!.Value.ToString("P1", c)}",
            false => $"OUTSIDE {Tolerance!.Value.ToString("P1", c)}",
            null => "not checked",
        };
        return $"{Quantity}: paper {PaperValue.ToString("G5", c)}, ours {OurValue.ToString("G5", c)}, " +
               $"difference {RelativeDifference.ToString("P2", c)} ({verdict}){(Note.Length > 0 ? " - " + Note : "")}";
    }
}
