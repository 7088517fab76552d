using System.Globalization;
using System.Text;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// One panel of a GPUs x K heatmap: the GPU counts (columns, ascending), the K values (rows, ascending), the metric per
/// cell (<c>Values[k][g]</c>, null where no successful run has that configuration) and each cell's hover text.
/// </summary>
/// <param name="Facet">The facet (load level), or null for results without one.</param>
/// <param name="Gpus">GPU counts, ascending (the x categories).</param>
/// <param name="K">Bin counts K, ascending (the y categories).</param>
/// <param name="Values">The metric per cell, indexed [K index][GPU index]; the mean where several runs share a cell (seeds); null where none.</param>
/// <param name="Hover">Hover text per cell (the configuration and the value), null where the cell is empty.</param>
public sealed record HeatmapGrid(string? Facet, IReadOnlyList<int> Gpus, IReadOnlyList<int> K, double?[][] Values, string?[][] Hover)
{
    /// <summary>
    /// One grid per facet of the successful rows that have a GPU count and a K, in <see cref="ResultFacets.Order"/>.
    /// All grids share the same GPU and K axes (the union over facets), so panels line up and missing cells stay empty.
    /// </summary>
    /// <param name="rows">Result rows (failed rows and rows without the metric are left out).</param>
    /// <param name="metric">The metric drawn (a result column).</param>
    /// <param name="facet">The facet of a row; when null, <see cref="ResultFacets.DefaultFor"/> the rows: the load level, plus the
    /// workload size when the rows hold several (runs of different sizes never share a cell).</param>
    public static IReadOnlyList<HeatmapGrid> Build(IReadOnlyList<ResultRow> rows, IMetric metric, Func<ResultRow, string?>? facet = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metric);
        var usable = rows.Where(r => r.Succeeded && r[ConfigurationColumns.NumGpus.Name] is not null && r[ConfigurationColumns.KBins.Name] is not null)
            .ToArray();
        facet ??= ResultFacets.DefaultFor(usable);
        var gpus = usable.Select(r => Convert.ToInt32(r[ConfigurationColumns.NumGpus.Name], CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
        var ks = usable.Select(r => Convert.ToInt32(r[ConfigurationColumns.KBins.Name], CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
        var grids = new List<HeatmapGrid>();
        foreach (var name in ResultFacets.Order(usable.Select(facet)))
        {
            var values = new double?[ks.Length][];
            var hover = new string?[ks.Length][];
            var cells = usable
                .Where(r => facet(r) == name)
                .ToLookup(r =>
                    (
                        Convert.ToInt32(r[ConfigurationColumns.NumGpus.Name], CultureInfo.InvariantCulture),
                        Convert.ToInt32(r[ConfigurationColumns.KBins.Name], CultureInfo.InvariantCulture)
                    )
                );
            for (int k = 0; k < ks.Length; k++)
            {
                values[k] = new double?[gpus.Length];
                hover[k] = new string?[gpus.Length];
                for (int g = 0; g < gpus.Length; g++)
                {
                    var cell = cells[(gpus[g], ks[k])].ToArray();
                    var samples = cell.Select(r => r[metric.Name])
                        .OfType<object>()
                        .Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture))
                        .Where(double.IsFinite)
                        .ToArray();
                    if (samples.Length == 0)
                    {
                        continue;
                    }

                    values[k][g] = samples.Average();
                    hover[k][g] = HoverText(gpus[g], ks[k], cell, metric, samples);
                }
            }

            grids.Add(new HeatmapGrid(name, gpus, ks, values, hover));
        }

        return grids;
    }

    private static string HoverText(int gpus, int k, IReadOnlyList<ResultRow> cell, IMetric metric, double[] samples)
    {
        static string Join(IEnumerable<object?> values) =>
            string.Join(", ", values.OfType<object>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).Distinct());
        var text = new StringBuilder().Append(
            CultureInfo.InvariantCulture,
            $"GPUs: {gpus}<br>K: {k}<br>scheduler: {Join(cell.Select(r => r[ConfigurationColumns.SchedulerType.Name]))}"
        );
        string levels = Join(cell.Select(ResultFacets.LoadLevel));
        if (levels.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"<br>load level: {levels}");
        }

        text.Append(
                CultureInfo.InvariantCulture,
                $"<br>requests: {Join(cell.Select(r => r[MetricCatalogue.NumRequests.Name] ?? r[ConfigurationColumns.NumRequestsRequested.Name]))}"
            )
            .Append(CultureInfo.InvariantCulture, $"<br>{metric.AxisTitle}: {samples.Average():G4}");
        if (samples.Length > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $" (mean of {samples.Length} runs)");
        }

        return text.ToString();
    }
}
