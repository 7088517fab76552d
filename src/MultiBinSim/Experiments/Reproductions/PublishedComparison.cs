using System.Globalization;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// One published number beside ours. <see cref="Tolerance"/> is the largest relative difference we accept; null when
/// the number cannot be reached by our model and is shown only for comparison (<see cref="Note"/> says why).
/// <see cref="PaperValue"/> is null when no paper has the number (the kit's own result, <see cref="Unpublished"/>):
/// then there is no difference to compute and none is shown.
/// </summary>
/// <param name="Quantity">What is compared, with its unit (e.g. "plateau throughput k=3 (req/s)").</param>
/// <param name="PaperValue">The paper's value (or, where the paper shows only a plot, its closed form: the note says so); null when no paper has it.</param>
/// <param name="OurValue">Our simulated value.</param>
/// <param name="RelativeDifference">|ours - paper| / |paper|; null when there is no paper value.</param>
/// <param name="Tolerance">Accepted relative difference, or null when the number is not checkable.</param>
/// <param name="Note">Where the paper's value comes from, and why a number cannot be reached.</param>
public sealed record PublishedComparison(string Quantity, double? PaperValue, double OurValue, double? RelativeDifference, double? Tolerance, string Note)
{
    /// <summary>What a table shows in place of the paper's value (and the verdict) when no paper has the number.</summary>
    public const string NoPublishedValue = "no published value";

    /// <summary>A comparison with the relative difference computed.</summary>
    public static PublishedComparison Of(string quantity, double paperValue, double ourValue, double? tolerance, string note) =>
        new(quantity, paperValue, ourValue, Math.Abs(ourValue - paperValue) / Math.Abs(paperValue), tolerance, note);

    /// <summary>Our number where no paper has one: no paper value, no difference, not checked.</summary>
    public static PublishedComparison Unpublished(string quantity, double ourValue, string note) => new(quantity, null, ourValue, null, null, note);

    /// <summary>True when checkable and within tolerance; false when outside; null when not checkable.</summary>
    public bool? WithinTolerance => Tolerance is { } t && RelativeDifference is { } d ? d <= t : null;

    /// <summary>"within", "OUTSIDE", "not checked", or "no published value".</summary>
    public string Verdict =>
        PaperValue is null
            ? NoPublishedValue
            : WithinTolerance switch
            {
                true => "within",
                false => "OUTSIDE",
                null => "not checked",
            };

    /// <summary>One line: quantity, paper, ours, relative difference and verdict.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string note = Note.Length > 0 ? " - " + Note : "";
        if (PaperValue is not { } paper || RelativeDifference is not { } difference)
        {
            return $"{Quantity}: {NoPublishedValue}, ours {OurValue.ToString("G5", c)}{note}";
        }

        string verdict = WithinTolerance switch
        {
            true => $"within {Tolerance!.Value.ToString("P1", c)}",
            false => $"OUTSIDE {Tolerance!.Value.ToString("P1", c)}",
            null => "not checked",
        };
        return $"{Quantity}: paper {paper.ToString("G5", c)}, ours {OurValue.ToString("G5", c)}, "
            + $"difference {difference.ToString("P2", c)} ({verdict}){note}";
    }
}
