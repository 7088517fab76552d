using System.Globalization;
using Microsoft.Data.Analysis;
using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>The files <see cref="SweepReport.Write"/> wrote: the rows, the chart pages, the manifest and the front page.</summary>
public sealed record SweepFiles(string Csv, IReadOnlyList<string> Charts, string Manifest, string Index);

/// <summary>One chart page of a sweep: its file name in <c>charts/</c>, the chart, and its finding in one sentence.</summary>
public sealed record SweepChart(string FileName, Plotly.NET.GenericChart Chart, string Finding);

/// <summary>
/// Writes a sweep's files into a results folder as <c>mbsim</c> does (<see cref="SweepOutput"/>): the rows as CSV, each
/// chart page with its finding in <c>charts/</c> (plotly.js beside them, offline), the manifest with the resolved
/// configuration, then the folder's front page (<see cref="ResultsIndex"/>), which keeps whatever else the folder holds.
/// </summary>
public static class SweepReport
{
    public static SweepFiles Write<T>(
        string folder,
        SweepOutput sweep,
        DataFrame rows,
        IReadOnlyList<SweepChart> charts,
        string dataset,
        T configuration,
        string finding,
        string? command
    )
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(charts);
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, sweep.CsvFileName);
        DataFrame.SaveCsv(rows, csv, cultureInfo: CultureInfo.InvariantCulture);
        var pages = charts.Select(c => SuiteChartFiles.WritePage(folder, c.FileName, c.Chart, c.Finding)).ToArray();
        string manifest = Path.Combine(folder, sweep.ManifestFileName);
        AtomicFile.WriteAllText(manifest, SweepOutput.ManifestJson(dataset, configuration, finding));
        return new SweepFiles(csv, pages, manifest, ResultsIndex.WriteFromDisk(folder, command));
    }
}
