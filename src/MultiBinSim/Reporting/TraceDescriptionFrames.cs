using Microsoft.Data.Analysis;
using MultiBinSim.Workloads;

namespace MultiBinSim.Reporting;

/// <summary>A <see cref="TraceDescription"/> as a DataFrame (the core library has no DataFrame dependency).</summary>
public static class TraceDescriptionFrames
{
    /// <summary>The description as a two-column DataFrame (statistic, value), for notebooks.</summary>
    public static DataFrame ToDataFrame(this TraceDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var rows = description.Entries().ToArray();
        return new DataFrame(new StringDataFrameColumn("statistic", rows.Select(r => r.Name)), new StringDataFrameColumn("value", rows.Select(r => r.Value)));
    }
}
