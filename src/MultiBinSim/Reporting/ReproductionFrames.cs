using Microsoft.Data.Analysis;
using MultiBinSim.Experiments.Reproductions;
using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>A reproduction's result as notebook objects: its published-vs-ours table and series as DataFrames, its charts as Plotly charts.</summary>
public static class ReproductionFrames
{
    /// <summary>
    /// Published numbers beside ours: quantity, paper, ours, relative difference, tolerance, verdict, note (one row per
    /// comparison). Where no paper has the number, paper and relative difference are empty and the verdict says
    /// "no published value".
    /// </summary>
    public static DataFrame Comparisons(this ReproductionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Comparisons;
        return new DataFrame(
            new StringDataFrameColumn("quantity", c.Select(x => x.Quantity)),
            new DoubleDataFrameColumn("paper", c.Select(x => x.PaperValue)),
            new DoubleDataFrameColumn("ours", c.Select(x => x.OurValue)),
            new DoubleDataFrameColumn("relative_difference", c.Select(x => x.RelativeDifference)),
            new DoubleDataFrameColumn("tolerance", c.Select(x => x.Tolerance)),
            new StringDataFrameColumn("verdict", c.Select(x => x.Verdict)),
            new StringDataFrameColumn("note", c.Select(x => x.Note))
        );
    }

    /// <summary>
    /// One row per reproduction: how many of its comparisons are within tolerance, OUTSIDE it, not checked, and without
    /// a published value, and its result: "pass" when none is OUTSIDE (<see cref="ReproductionResult.AllWithinTolerance"/>,
    /// the rule of <c>mbsim reproduce --check</c>), else "FAIL". A last row, "all", totals them.
    /// </summary>
    public static DataFrame PassFailSummary(IEnumerable<ReproductionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToArray();
        int Count(ReproductionResult r, string verdict) => r.Comparisons.Count(c => c.Verdict == verdict);
        string[] verdicts = ["within", "OUTSIDE", "not checked", PublishedComparison.NoPublishedValue];
        var names = list.Select(r => r.Name).Append("all").ToArray();
        var counts = verdicts.Select(v => list.Select(r => Count(r, v)).Append(list.Sum(r => Count(r, v))).ToArray()).ToArray();
        var passed = list.Select(r => r.AllWithinTolerance).Append(list.All(r => r.AllWithinTolerance)).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("reproduction", names),
            new Int32DataFrameColumn("within", counts[0]),
            new Int32DataFrameColumn("outside", counts[1]),
            new Int32DataFrameColumn("not_checked", counts[2]),
            new Int32DataFrameColumn("no_published_value", counts[3]),
            new StringDataFrameColumn("result", passed.Select(p => p ? "pass" : "FAIL"))
        );
    }

    /// <summary>The series with its typed columns (int -> Int32, double -> Double, bool -> Boolean, text -> String; nulls kept).</summary>
    public static DataFrame SeriesFrame(this ReproductionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.Series;
        var columns = new List<DataFrameColumn>(table.Columns.Count);
        for (int i = 0; i < table.Columns.Count; i++)
        {
            int index = i;
            var column = table.Columns[i];
            IEnumerable<object?> values = table.Rows.Select(r => r[index]);
            columns.Add(
                column.Type == typeof(int) ? new Int32DataFrameColumn(column.Name, values.Select(v => (int?)v))
                : column.Type == typeof(double) ? new DoubleDataFrameColumn(column.Name, values.Select(v => (double?)v))
                : column.Type == typeof(bool) ? new BooleanDataFrameColumn(column.Name, values.Select(v => (bool?)v))
                : new StringDataFrameColumn(column.Name, values.Select(v => (string?)v))
            );
        }

        return new DataFrame(columns);
    }

    /// <summary>The figure's charts, drawn as on its HTML page.</summary>
    public static IReadOnlyList<GenericChart> Charts(this ReproductionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Charts.Select(ReproductionChartRenderer.Render).ToArray();
    }
}
