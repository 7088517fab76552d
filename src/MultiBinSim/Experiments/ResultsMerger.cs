using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// Merges result stores (e.g. the shards of a cluster job array) into one, without duplicates: one row per test key,
/// a success preferred over a failure, and among equals the row from the earliest-named store.
/// </summary>
public static class ResultsMerger
{
    public static async Task<(int Rows, int Duplicates)> MergeAsync(
        string outputFolder,
        IReadOnlyList<string> inputFolders,
        IChartWriter? charts = null,
        CancellationToken cancellation = default
    )
    {
        if (inputFolders.Count == 0)
        {
            throw new Errors.ConfigurationException("Inputs", "results merge needs at least one input folder");
        }

        var inputs = inputFolders.Select(ResultStore.LoadRows).ToList(); // read (and validate) everything before writing anything
        var merged = new List<ResultRow>();
        int duplicates;
        await using (var store = await ResultStore.OpenAsync(outputFolder, cancellation: cancellation).ConfigureAwait(false))
        {
            duplicates = Merge(store.Rows.Concat(inputs.SelectMany(r => r)), merged);
            await store.ReplaceAllAsync(merged, cancellation).ConfigureAwait(false);
            charts?.WriteSuiteCharts(merged, outputFolder);
        }

        // After the store closes, so that the views it writes on closing are on disk for the front page to link.
        charts?.WriteIndex(outputFolder, merged);
        return (merged.Count, duplicates);
    }

    /// <summary>
    /// Appends to <paramref name="merged"/> one row per test key of <paramref name="rows"/> (a success over a failure, else the first); returns the rows
    /// dropped.
    /// </summary>
    private static int Merge(IEnumerable<ResultRow> rows, List<ResultRow> merged)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (var row in rows)
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

        return duplicates;
    }
}
