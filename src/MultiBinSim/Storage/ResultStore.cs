using System.Text;
using Microsoft.Data.Analysis;

namespace MultiBinSim.Storage;

/// <summary>
/// The crash-safe, incremental result store of a results folder.
/// <list type="bullet">
/// <item><c>all_results.csv</c> is the journal: one line per finished test, appended with a single write and flushed to
/// disk, so a killed process loses at most the tests still running. It is the authority.</item>
/// <item><c>all_results.parquet/</c> mirrors it as a Parquet dataset folder: each stored test adds one part file
/// (temporary name, then rename), so storing test n costs O(1); when the store is closed (or <see cref="CompactAsync"/>)
/// the parts are compacted into one file. On open, a dataset whose rows differ from the journal's (a kill between the
/// two writes or during a compaction, or the previous release's single-file mirror) is rebuilt from the journal.</item>
/// <item>Per-step views (<c>step1_request_scaling</c>, ... as .csv and .parquet) are written when the store is closed,
/// after a merge, and on open when they are stale, so running one step never empties another step's view.</item>
/// </list>
/// Files are read by column name: a journal written by an older version (fewer columns) is migrated on open, rewritten
/// atomically with the union of its columns and this version's, every value kept; columns this version does not know
/// are carried through. The store's content is the latest row of each test key (a retried or forced test appends a
/// newer row). Damaged or foreign files make it fail with a message naming the file; it never truncates them.
/// </summary>
public sealed class ResultStore : IDisposable, IAsyncDisposable
{
    /// <summary>The journal's file name.</summary>
    public const string CsvName = "all_results.csv";

    /// <summary>The results folder every command writes to unless told otherwise.</summary>
    public const string DefaultFolder = "results";

    /// <summary>The Parquet dataset folder's name.</summary>
    public const string ParquetName = "all_results.parquet";

    /// <summary>The step views: step number and file name without extension.</summary>
    public static IReadOnlyList<(int Step, string Name)> StepViews { get; } =
    [(1, "step1_request_scaling"), (2, "step2_gpu_scaling"), (3, "step3_kbins_sensitivity"), (4, "capacity_search"), (5, "step5_grid"), (6, "step6_compare")];

    private readonly List<ResultRow> _journal;
    private readonly StoreLock _lock;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ResultDataset _dataset;
    private IReadOnlyList<string> _layout;
    private bool _disposed;

    private ResultStore(string folder, ResultTable journal, StoreLock storeLock)
    {
        Folder = folder;
        _journal = journal.Rows;
        _layout = journal.Header;
        _lock = storeLock;
        _dataset = new ResultDataset(ParquetPath);
    }

    /// <summary>The results folder.</summary>
    public string Folder { get; }

    /// <summary>The journal.</summary>
    public string CsvPath => Path.Combine(Folder, CsvName);

    /// <summary>The Parquet dataset folder.</summary>
    public string ParquetPath => Path.Combine(Folder, ParquetName);

    /// <summary>The journal's columns, in file order (this version's columns, then any kept from another version).</summary>
    public IReadOnlyList<string> Layout => _layout;

    /// <summary>The latest row of every test key, in journal order of first appearance.</summary>
    public IReadOnlyList<ResultRow> Rows => Latest(_journal);

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="folder"/>, taking its lock: migrates an older journal,
    /// rebuilds an inconsistent Parquet dataset and rewrites stale step views.
    /// </summary>
    public static async Task<ResultStore> OpenAsync(string folder, TimeSpan? lockWait = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var storeLock = StoreLock.Acquire(folder, lockWait ?? TimeSpan.FromSeconds(10));
        try
        {
            string csv = Path.Combine(folder, CsvName);
            var journal = File.Exists(csv) ? ResultCsv.Read(csv) : new ResultTable(ResultSchema.Names, []);
            var store = new ResultStore(folder, journal, storeLock);
            if (!journal.HasAllCurrentColumns)
            {
                store._layout = ResultTable.Union([journal.Header]);
                await store.WriteJournalAsync(store._journal).ConfigureAwait(false);
            }

            await store.ReconcileDatasetAsync(cancellation).ConfigureAwait(false);
            await store.WriteViewsAsync(force: false, cancellation).ConfigureAwait(false);
            return store;
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }
    }

    /// <summary>Reads a results folder without locking it (for notebooks and reports): the latest row per key.</summary>
    public static DataFrame Load(string folder) => ResultFrames.ToDataFrame(LoadRows(folder));

    /// <summary>One step's rows of a results folder.</summary>
    public static DataFrame LoadStep(string folder, int step) => ResultFrames.ToDataFrame(LoadRows(folder).Where(r => r.Step == step).ToList());

    /// <summary>The latest row per key of a results folder's journal (read by column name, any version).</summary>
    public static List<ResultRow> LoadRows(string folder)
    {
        string csv = Path.Combine(folder, CsvName);
        if (!File.Exists(csv))
        {
            throw new ResultStoreException($"{csv}: no results here (run `mbsim suite --out {folder}` first).");
        }

        return Latest(ResultCsv.ReadAll(csv));
    }

    /// <summary>Whether the latest row stored for <paramref name="testKey"/> is a success (a later failure wins over an earlier success).</summary>
    public bool HasSuccess(string testKey)
    {
        for (int i = _journal.Count - 1; i >= 0; i--)
        {
            if (_journal[i].TestKey == testKey)
            {
                return _journal[i].Succeeded;
            }
        }

        return false;
    }

    /// <summary>
    /// Stores one finished test: one journal line, then one Parquet part file. Costs O(1) in the number of stored
    /// tests. Safe to call from several threads.
    /// </summary>
    public async Task AppendAsync(ResultRow row, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await _writer.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (row.Extra.Keys.Any(k => !_layout.Contains(k)))
            {
                // A row with columns the journal lacks (rare: rows of another version): widen the journal first.
                _layout = ResultTable.Union([_layout, row.Extra.Keys]);
                await WriteJournalAsync(_journal).ConfigureAwait(false);
                await _dataset.ReplaceAsync(_journal, _layout, cancellation).ConfigureAwait(false);
            }

            AppendJournalLine(row);
            _journal.Add(row);
            await _dataset.AppendAsync([row], _layout, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Replaces the whole store with <paramref name="rows"/> (used by merges): journal, dataset and views, each atomically.</summary>
    public async Task ReplaceAllAsync(IReadOnlyList<ResultRow> rows, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await _writer.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var layout = ResultTable.Union([_layout, .. rows.Select(r => r.Extra.Keys)]);
            await WriteJournalAsync(rows, layout).ConfigureAwait(false);
            _layout = layout;
            _journal.Clear();
            _journal.AddRange(rows);
            await _dataset.ReplaceAsync(_journal, _layout, cancellation).ConfigureAwait(false);
            await WriteViewsAsync(force: true, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Rewrites every step view that has rows (after a merge, or to repair views).</summary>
    public async Task WriteAllViewsAsync(CancellationToken cancellation = default)
    {
        await _writer.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await WriteViewsAsync(force: true, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Ends a run's writing: compacts the dataset's part files into one and writes the step views that are stale.
    /// Called by <see cref="DisposeAsync"/>; the store stays usable.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellation = default)
    {
        await _writer.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_dataset.Parts().Count > 1)
            {
                await _dataset.ReplaceAsync(_journal, _layout, cancellation).ConfigureAwait(false);
            }

            await WriteViewsAsync(force: false, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Compacts (see <see cref="CompactAsync"/>) and releases the folder's lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await CompactAsync().ConfigureAwait(false);
        }
        finally
        {
            _writer.Dispose();
            _lock.Dispose();
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>, blocking (for <c>using</c> without <c>await</c>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The rows a step view shows: latest per key, in a canonical order independent of finishing order.</summary>
    public static List<ResultRow> ViewRows(IEnumerable<ResultRow> rows, int step) => CanonicalOrder(Latest(rows).Where(r => r.Step == step));

    /// <summary>
    /// Rows in a fixed order, whatever order parallel workers stored them in: by step, scheduler, N, GPUs, K, seed, then
    /// test key. Views and chart files use it, so the same results give the same bytes.
    /// </summary>
    public static List<ResultRow> CanonicalOrder(IEnumerable<ResultRow> rows) =>
        rows.OrderBy(r => r.Step)
            .ThenBy(r => SchedulerOrder(r.GetString(ConfigurationColumns.SchedulerType.Name)))
            .ThenBy(r => r.Get<int>(ConfigurationColumns.NumRequestsRequested.Name))
            .ThenBy(r => r.Get<int>(ConfigurationColumns.NumGpus.Name))
            .ThenBy(r => r.Get<int>(ConfigurationColumns.KBins.Name))
            .ThenBy(r => r.Get<int>(ConfigurationColumns.Seed.Name))
            .ThenBy(r => r.TestKey, StringComparer.Ordinal)
            .ToList();

    private static int SchedulerOrder(string? name) => Scheduling.Schedulers.OrderOf(name);

    private static List<ResultRow> Latest(IEnumerable<ResultRow> journal)
    {
        var order = new List<string>();
        var latest = new Dictionary<string, ResultRow>(StringComparer.Ordinal);
        foreach (var row in journal)
        {
            if (!latest.ContainsKey(row.TestKey))
            {
                order.Add(row.TestKey);
            }

            latest[row.TestKey] = row;
        }

        return order.Select(k => latest[k]).ToList();
    }

    private void AppendJournalLine(ResultRow row)
    {
        bool isNew = !File.Exists(CsvPath) || new FileInfo(CsvPath).Length == 0;
        string text = (isNew ? ResultCsv.Header(_layout) : "") + ResultCsv.FormatLine(row, _layout);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        // One unbuffered write: a kill lands before or after it, never inside a line.
        using var stream = new FileStream(CsvPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private Task WriteJournalAsync(IReadOnlyList<ResultRow> rows) => WriteJournalAsync(rows, _layout);

    private Task WriteJournalAsync(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> layout) =>
        AtomicFile.WriteAsync(CsvPath, path => WriteTextAsync(path, ResultCsv.ToText(rows, layout)));

    private static async Task WriteTextAsync(string path, string text)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text)).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private async Task ReconcileDatasetAsync(CancellationToken cancellation)
    {
        _dataset.RemoveTemporaries();
        if (!await _dataset.MatchesAsync(_journal, _layout, cancellation).ConfigureAwait(false))
        {
            await _dataset.ReplaceAsync(_journal, _layout, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the views of steps that have rows (or a view file already): each only when its CSV differs from what the
    /// journal gives, unless forced. The Parquet file is written before the CSV, so a current CSV implies a current Parquet.
    /// </summary>
    private async Task WriteViewsAsync(bool force, CancellationToken cancellation)
    {
        foreach (var (step, name) in StepViews)
        {
            string csv = Path.Combine(Folder, name + ".csv");
            string parquet = Path.Combine(Folder, name + ".parquet");
            if (!File.Exists(csv) && !_journal.Exists(r => r.Step == step))
            {
                continue;
            }

            var rows = ViewRows(_journal, step);
            string text = ResultCsv.ToText(rows, _layout);
            if (!force && File.Exists(csv) && File.Exists(parquet) && await File.ReadAllTextAsync(csv, cancellation).ConfigureAwait(false) == text)
            {
                continue;
            }

            await AtomicFile.WriteAsync(parquet, path => ResultParquet.WriteFileAsync(rows, _layout, path, cancellation)).ConfigureAwait(false);
            await AtomicFile.WriteAsync(csv, path => WriteTextAsync(path, text)).ConfigureAwait(false);
        }
    }
}
