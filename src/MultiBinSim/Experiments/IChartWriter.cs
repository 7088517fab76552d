using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// Writes an experiment's chart files. Experiments do not draw (drawing is Reporting's job, a layer above); the caller
/// passes the writer it wants (<c>Reporting.SuiteChartWriter</c> on the command line; notebooks draw inline and pass none).
/// </summary>
public interface IChartWriter
{
    /// <summary>Writes the suite's charts for <paramref name="rows"/> into <paramref name="folder"/>; returns the files written.</summary>
    IReadOnlyList<string> WriteSuiteCharts(IReadOnlyList<ResultRow> rows, string folder);

    /// <summary>Writes the capacity-vs-GPUs chart of a capacity sweep; returns the file written.</summary>
    string WriteCapacityChart(IReadOnlyList<ResultRow> rows, string folder);

    /// <summary>
    /// Writes the folder's front page (<c>index.html</c>) from every row <paramref name="storedRows"/> holds and the files
    /// on disk, after a suite or capacity run; returns the file written, or null (the default: no front page).
    /// </summary>
    string? WriteIndex(string folder, IReadOnlyList<ResultRow> storedRows) => null;
}
