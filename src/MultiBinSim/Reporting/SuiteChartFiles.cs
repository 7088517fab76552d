using MultiBinSim.Storage;
using MultiBinSim.Experiments;

namespace MultiBinSim.Reporting;

/// <summary>Writes the suite's charts to OUT/charts/*.html, rendering offline with plotly.js beside them.</summary>
public static class SuiteChartFiles
{
    public const string FolderName = "charts";

    public static IReadOnlyList<string> Write(IReadOnlyList<ResultRow> rows, string outputFolder)
    {
        var frame = ResultFrames.ToDataFrame(rows);
        return SuiteCharts.All(frame).Select(c => WritePage(outputFolder, c.FileName, c.Chart)).ToArray();
    }

    /// <summary>Writes one chart as OUT/charts/FILE (atomically), with plotly.js beside it; returns the path.</summary>
    public static string WritePage(string outputFolder, string fileName, Plotly.NET.GenericChart chart)
    {
        string folder = Path.Combine(outputFolder, FolderName);
        Directory.CreateDirectory(folder);
        ChartHtml.WritePlotlyScript(folder);
        string path = Path.Combine(folder, fileName);
        string id = Path.GetFileNameWithoutExtension(fileName).Replace('_', '-');
        AtomicFile.WriteAllText(path, ChartHtml.Page(chart, id, id));
        return path;
    }
}
