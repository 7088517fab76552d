using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>The chart files of suites and capacity sweeps, as <c>mbsim</c> writes them (OUT/charts/*.html, offline).</summary>
public sealed class SuiteChartWriter : IChartWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> WriteSuiteCharts(IReadOnlyList<ResultRow> rows, string folder) => SuiteChartFiles.Write(rows, folder);

    /// <inheritdoc/>
    public string WriteCapacityChart(IReadOnlyList<ResultRow> rows, string folder) =>
        SuiteChartFiles.WritePage(folder, "capacity_vs_gpus.html", SuiteCharts.CapacityVersusGpus(ResultFrames.ToDataFrame(rows)));
}
