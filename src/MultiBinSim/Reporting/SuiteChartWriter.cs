using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// The chart files of suites and capacity sweeps, as <c>mbsim</c> writes them (OUT/charts/*.html, offline), and the
/// folder's front page (OUT/index.html, <see cref="ResultsIndex"/>).
/// </summary>
/// <param name="command">The command line that ran, shown on the front page (null: not shown).</param>
public sealed class SuiteChartWriter(string? command = null) : IChartWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> WriteSuiteCharts(IReadOnlyList<ResultRow> rows, string folder) => SuiteChartFiles.Write(rows, folder);

    /// <inheritdoc/>
    public string WriteCapacityChart(IReadOnlyList<ResultRow> rows, string folder)
    {
        var frame = ResultFrames.ToDataFrame(rows);
        return SuiteChartFiles.WritePage(folder, "capacity_vs_gpus.html", SuiteCharts.CapacityVersusGpus(frame), ChartFindings.Capacity(frame));
    }

    /// <inheritdoc/>
    public string? WriteIndex(string folder, IReadOnlyList<ResultRow> storedRows) => ResultsIndex.Write(folder, storedRows, command);
}
