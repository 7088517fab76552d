using MultiBinSim.Storage;
namespace MultiBinSim.Experiments;

/// <summary>
/// Merges result stores (e.g. the shards of a cluster job array) into one, without duplicates: one row per test key,
/// a success preferred over a failure, and among equals the row from the earliest-named store.
/// </summary>
public static class ResultsMerger
{
    public static async Task<(int Rows, int Duplicates)> MergeAsync(string outputFolder, IReadOnlyList<string> inputFolders, IChartWriter? charts = null, CancellationToken cancellation = default)
    {
        if (inputFolders.Count == 0)
        {
            throw new Errors.ConfigurationException("Inputs", "results merge needs at least one input folder");
        }

        var inputs = inputFolders.Select(ResultStore.LoadRows).ToList(); // read (and validate) everything before writing anything
        await using var store = await ResultStore.OpenAsync(outputFolder, cancellation: cancellation).ConfigureAwait(false);
        var merged = new List<ResultRow>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (var row in store.Rows.Concat(inputs.SelectMany(r => r)))
        {
            if (index.TryGetValue(row.TestKey, out int at))
            {
                duplicates++;
                if (!merged[at].Succeeded && row.Succeeded)
                {
                    merged[at] = row;
                }

                continue;
            }

            index[row.TestKey] = merged.Count;
            merged.Add(row);
        }

        await store.ReplaceAllAsync(merged, cancellation).ConfigureAwait(false);
        charts?.WriteSuiteCharts(merged, outputFolder);
        return (merged.Count, duplicates);
    }
}
