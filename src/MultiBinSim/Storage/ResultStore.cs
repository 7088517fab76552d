using System.Text;
using Microsoft.Data.Analysis;

namespace MultiBinSim.Storage;

/// <summary>
/// The crash-safe, incremental result store of a results folder.
/// <list type="bullet">
/// <item><c>all_results.csv</c> is the journal: one line per finished test, appended with a single write and flushed to
/// disk, so a killed process loses at most the tests still running. It is the authority.</item>
/// <item><c>all_results.parquet</c> mirrors it: each row becomes a new row group, written to a copy that replaces the
/// file atomically, so the file is always readable. A mirror one row behind (a kill between the two writes) is
/// rebuilt from the journal on the next open.</item>
/// <item>Per-step views (<c>step1_request_scaling</c>, ...) are rewritten atomically from the whole store after every
/// test, so running one step never empties another step's view.</item>
/// </list>
/// The store's content is the latest row of each test key (a retried or forced test appends a newer row).
/// Damaged or foreign files make it fail with a message naming the file; it never truncates them.
/// </summary>
public sealed class ResultStore : IDisposable
{
    public const string CsvName = "all_results.csv";
    public const string ParquetName = "all_results.parquet";

    public static IReadOnlyList<(int Step, string Name)> StepViews { get; } =
    [
        (1, "step1_request_scaling"),
        (2, "step2_gpu_scaling"),
        (3, "step3_kbins_sensitivity"),
        (4, "capacity_search"),
    ];

    private readonly List<ResultRow> _journal;
    private readonly StoreLock _lock;
    private readonly SemaphoreSlim _writer = new(1, 1);

    private ResultStore(string folder, List<ResultRow> journal, StoreLock storeLock)
    {
        Folder = folder;
        _journal = journal;
        _lock = storeLock;
    }

    public string Folder { get; }

    public string CsvPath => Path.Combine(Folder, CsvName);

    public string ParquetPath => Path.Combine(Folder, ParquetName);

    /// <summary>The latest row of every test key, in journal order of first appearance.</summary>
    public IReadOnlyList<ResultRow> Rows => Latest(_journal);

    /// <summary>Opens (creating if needed) the store in <paramref name="folder"/>, taking its lock.</summary>
    public static async Task<ResultStore> OpenAsync(string folder, TimeSpan? lockWait = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var storeLock = StoreLock.Acquire(folder, lockWait ?? TimeSpan.FromSeconds(10));
        try
        {
            string csv = Path.Combine(folder, CsvName);
            var journal = File.Exists(csv) ? ResultCsv.ReadAll(csv) : [];
            var store = new ResultStore(folder, journal, storeLock);
            await store.ReconcileParquetAsync(cancellation).ConfigureAwait(false);
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

    /// <summary>Stores one finished test: journal line, Parquet row group, refreshed step view. Safe to call from several threads.</summary>
    public async Task AppendAsync(ResultRow row, CancellationToken cancellation = default)
    {
        await _writer.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            AppendJournalLine(row);
            _journal.Add(row);
            await AppendParquetAsync(row, cancellation).ConfigureAwait(false);
            await WriteStepViewAsync(row.Step, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Replaces the whole store with <paramref name="rows"/> (used by merges): journal, mirror and views, each atomically.</summary>
    public async Task ReplaceAllAsync(IReadOnlyList<ResultRow> rows, CancellationToken cancellation = default)
    {
        await _writer.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await AtomicFile.WriteAsync(CsvPath, path =>
            {
                using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                {
                    ResultCsv.WriteAll(writer, rows);
                }

                return Task.CompletedTask;
            }).ConfigureAwait(false);
            _journal.Clear();
            _journal.AddRange(rows);
            await AtomicFile.WriteAsync(ParquetPath, path => ParquetFrames.WriteFileAsync(ResultFrames.ToDataFrame(_journal), path, cancellation)).ConfigureAwait(false);
            await WriteAllViewsAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Rewrites every step view (after a merge, or to repair views).</summary>
    public async Task WriteAllViewsAsync(CancellationToken cancellation = default)
    {
        foreach (var (step, _) in StepViews)
        {
            await WriteStepViewAsync(step, cancellation).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _lock.Dispose();
    }

    /// <summary>The rows a step view shows: latest per key, in a canonical order independent of finishing order.</summary>
    public static List<ResultRow> ViewRows(IEnumerable<ResultRow> rows, int step) =>
        Latest(rows).Where(r => r.Step == step)
            .OrderBy(r => SchedulerOrder(r.GetString("scheduler_type")))
            .ThenBy(r => r.Get<int>("num_requests_requested"))
            .ThenBy(r => r.Get<int>("num_gpus"))
            .ThenBy(r => r.Get<int>("k_bins"))
            .ThenBy(r => r.Get<int>("seed"))
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
        string text = (isNew ? ResultCsv.Header() : "") + ResultCsv.FormatLine(row);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        // One unbuffered write: a kill lands before or after it, never inside a line.
        using var stream = new FileStream(CsvPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private async Task AppendParquetAsync(ResultRow row, CancellationToken cancellation)
    {
        var frame = ResultFrames.ToDataFrame([row]);
        string temp = ParquetPath + ".tmp";
        if (File.Exists(ParquetPath))
        {
            File.Copy(ParquetPath, temp, overwrite: true);
        }
        else if (File.Exists(temp))
        {
            File.Delete(temp);
        }

        await using (var stream = new FileStream(temp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            await ParquetFrames.WriteAsync(frame, stream, append: stream.Length > 0, cancellation).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, ParquetPath, overwrite: true);
    }

    private async Task ReconcileParquetAsync(CancellationToken cancellation)
    {
        long parquetRows = 0;
        if (File.Exists(ParquetPath))
        {
            try
            {
                var frame = await ParquetFrames.ReadFileAsync(ParquetPath, cancellation).ConfigureAwait(false);
                ResultFrames.FromDataFrame(frame, ParquetPath); // checks the schema
                parquetRows = frame.Rows.Count;
            }
            catch (Exception e) when (e is not ResultStoreException and not OperationCanceledException)
            {
                throw new ResultStoreException($"{ParquetPath}: damaged or not a Parquet file ({e.Message}). It was left untouched; move it away to let the store rebuild it from {CsvName}.", e);
            }
        }

        if (parquetRows > _journal.Count)
        {
            throw new ResultStoreException($"{ParquetPath} has {parquetRows} rows but the journal {CsvPath} only {_journal.Count}: they belong to different runs. Both were left untouched.");
        }

        if (parquetRows < _journal.Count)
        {
            // A kill between the journal write and the Parquet write: rebuild the mirror from the journal.
            await AtomicFile.WriteAsync(ParquetPath, path => ParquetFrames.WriteFileAsync(ResultFrames.ToDataFrame(_journal), path, cancellation)).ConfigureAwait(false);
            await WriteAllViewsAsync(cancellation).ConfigureAwait(false);
        }
    }

    private async Task WriteStepViewAsync(int step, CancellationToken cancellation)
    {
        var name = StepViews.First(v => v.Step == step).Name;
        var rows = ViewRows(_journal, step);
        await AtomicFile.WriteAsync(Path.Combine(Folder, name + ".csv"), path =>
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            ResultCsv.WriteAll(writer, rows);
            writer.Flush();
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(Folder, name + ".parquet"),
            path => ParquetFrames.WriteFileAsync(ResultFrames.ToDataFrame(rows), path, cancellation)).ConfigureAwait(false);
    }
}
