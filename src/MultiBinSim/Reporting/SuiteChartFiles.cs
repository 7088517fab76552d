using System.Text;
using MultiBinSim.Experiments;

namespace MultiBinSim.Reporting;

/// <summary>Writes the suite's charts to OUT/charts/*.html, rendering offline with plotly.js beside them.</summary>
public static class SuiteChartFiles
{
    public const string FolderName = "charts";

    public static IReadOnlyList<string> Write(IReadOnlyList<ResultRow> rows, string outputFolder)
    {
        string folder = Path.Combine(outputFolder, FolderName);
        Directory.CreateDirectory(folder);
        ChartHtml.WritePlotlyScript(folder);
        var frame = ResultFrames.ToDataFrame(rows);
        var written = new List<string>();
        foreach (var (fileName, chart) in SuiteCharts.All(frame))
        {
            string path = Path.Combine(folder, fileName);
            string id = Path.GetFileNameWithoutExtension(fileName).Replace('_', '-');
            File.WriteAllText(path + ".tmp", ChartHtml.Page(chart, id, id), new UTF8Encoding(false));
            File.Move(path + ".tmp", path, overwrite: true);
            written.Add(path);
        }

        return written;
    }
}
