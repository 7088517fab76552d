namespace MultiBinSim.Experiments.Reproductions;

/// <summary>What a reproduction produced: its series, its chart and its published numbers beside ours.</summary>
/// <param name="Name">The reproduction's name (file names).</param>
/// <param name="Title">Its title.</param>
/// <param name="Paper">The paper and figure.</param>
/// <param name="Setup">The simulated setup in one paragraph (arrivals, service times, B, k, servers, requests, seeds).</param>
/// <param name="Series">The series as typed rows.</param>
/// <param name="Charts">The figure's charts (as data; Reporting draws them one under the other on its page).</param>
/// <param name="Comparisons">Published numbers beside ours.</param>
public sealed record ReproductionResult(
    string Name,
    string Title,
    string Paper,
    string Setup,
    ReproductionTable Series,
    IReadOnlyList<LineChartSpec> Charts,
    IReadOnlyList<PublishedComparison> Comparisons
)
{
    /// <summary>True when no checkable comparison is outside its tolerance.</summary>
    public bool AllWithinTolerance => Comparisons.All(c => c.WithinTolerance != false);
}
