using System.Globalization;

namespace MultiBinSim.Storage;

/// <summary>
/// The Parquet mirror of a journal as a dataset folder (<c>all_results.parquet/</c>) of part files that all share one
/// schema, so DuckDB (<c>read_parquet('all_results.parquet/*.parquet')</c>), pandas and polars read it as one table.
/// Each stored test adds one part (written to a temporary name, then renamed), so storing test n costs O(1); a
/// compaction rewrites the parts as one file. Rows are in part-name order, then file order.
/// </summary>
public sealed class ResultDataset
{
    private const string PartPrefix = "part-";
    private const string PartExtension = ".parquet";
    private const string TemporaryExtension = ".tmp";

    private long _next;

    /// <summary>A dataset in folder <paramref name="path"/> (nothing is created until something is written).</summary>
    public ResultDataset(string path)
    {
        Path = path;
        _next = Directory.Exists(path) ? Parts().Select(Sequence).DefaultIfEmpty(-1).Max() + 1 : 0;
    }

    /// <summary>The dataset folder.</summary>
    public string Path { get; }

    /// <summary>The part files, in row order.</summary>
    public IReadOnlyList<string> Parts() => Directory.Exists(Path) ? Directory.GetFiles(Path, "*" + PartExtension).Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>Adds <paramref name="rows"/> as one new part file (temporary file, flushed, then renamed).</summary>
    public async Task AppendAsync(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> layout, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(Path);
        string part = System.IO.Path.Combine(Path, PartName(_next++));
        await AtomicFile.WriteAsync(part, temp => ResultParquet.WriteFileAsync(rows, layout, temp, cancellation)).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces every part by one file holding <paramref name="rows"/>: the new part is renamed into place first, then
    /// the old parts are deleted (a kill in between leaves extra rows, which the store's consistency check repairs).
    /// </summary>
    public async Task ReplaceAsync(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> layout, CancellationToken cancellation = default)
    {
        if (File.Exists(Path))
        {
            File.Delete(Path); // a single-file mirror of the previous release: the journal has every row
        }

        var old = Parts();
        await AppendAsync(rows, layout, cancellation).ConfigureAwait(false);
        foreach (var part in old)
        {
            File.Delete(part);
        }

        RemoveTemporaries();
    }

    /// <summary>Deletes temporary files a killed writer left behind (never part files).</summary>
    public void RemoveTemporaries()
    {
        if (Directory.Exists(Path))
        {
            foreach (var temp in Directory.GetFiles(Path, "*" + TemporaryExtension))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Whether the dataset holds exactly <paramref name="journal"/> in <paramref name="layout"/>: same schema in every
    /// part, same rows in the same order. A damaged part raises <see cref="ResultStoreException"/> (left untouched);
    /// a single file in place of the folder (the previous release's mirror) does not match.
    /// </summary>
    public async Task<bool> MatchesAsync(IReadOnlyList<ResultRow> journal, IReadOnlyList<string> layout, CancellationToken cancellation = default)
    {
        if (File.Exists(Path))
        {
            return false;
        }

        var parts = Parts();
        if (parts.Count == 0)
        {
            return journal.Count == 0;
        }

        string signature = ResultParquet.Signature(ResultParquet.SchemaOf(layout));
        bool matches = true;
        int at = 0;
        foreach (var part in parts)
        {
            // Reads every part: damage is reported, not hidden by an early mismatch.
            var (table, partSignature) = await ResultParquet.ReadFileAsync(part, cancellation).ConfigureAwait(false);
            matches &= partSignature == signature;
            foreach (var row in table.Rows)
            {
                matches = matches && at < journal.Count && ResultCsv.FormatLine(row, layout) == ResultCsv.FormatLine(journal[at], layout);
                at++;
            }
        }

        return matches && at == journal.Count;
    }

    /// <summary>Every row of the dataset, in order (a damaged part raises <see cref="ResultStoreException"/>).</summary>
    public async Task<List<ResultRow>> ReadAllAsync(CancellationToken cancellation = default)
    {
        var rows = new List<ResultRow>();
        foreach (var part in Parts())
        {
            rows.AddRange((await ResultParquet.ReadFileAsync(part, cancellation).ConfigureAwait(false)).Table.Rows);
        }

        return rows;
    }

    private static string PartName(long sequence) => PartPrefix + sequence.ToString("D8", CultureInfo.InvariantCulture) + PartExtension;

    private static long Sequence(string part)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(part);
        return
            name.StartsWith(PartPrefix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(PartPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long s)
            ? s
            : -1;
    }
}
