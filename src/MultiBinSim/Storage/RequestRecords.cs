using System.Globalization;
using System.Text;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;
using Parquet;
using Parquet.Schema;

namespace MultiBinSim.Storage;

/// <summary>
/// One row per request of a run (<c>mbsim run --requests-out FILE</c>), as Parquet or CSV by the file's extension. Times
/// are seconds on the run's clock (the first arrival is 0). A value the engine does not measure, or that does not exist
/// for the request (a rejected request's times, the TPOT of a 1-token output), is null (an empty field in CSV), never 0:
/// the batch engine has no first token, TTFT, TPOT or preemptions; its admission time is the start of the request's
/// batch. Column names and order are <see cref="Columns"/>.
/// </summary>
public static class RequestRecords
{
    /// <summary>The library property this output is reported under in option errors (the CLI maps it to its flag).</summary>
    public const string Property = "RequestsOut";

    /// <summary>File extensions the writer knows, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".parquet", ".csv"];

    /// <summary>Column names in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "request_id",
        "arrival_s",
        "prompt_tokens",
        "output_tokens",
        "predicted_output_tokens",
        "bin",
        "replica",
        "admission_s",
        "first_token_s",
        "completion_s",
        "ttft_s",
        "tpot_s",
        "latency_s",
        "preemptions",
        "rejected",
        "decode_replica",
        "kv_transfer_s",
    ];

    /// <summary>Rows per Parquet row group.</summary>
    internal const int RowGroupSize = 1 << 20;

    /// <summary>
    /// Raises a <see cref="ConfigurationException"/> on <see cref="Property"/> when <paramref name="path"/> cannot take
    /// the file: an unknown extension, a folder that does not exist, a path that is a folder, or a folder that refuses a
    /// new file. Checked before the run, so a long run does not end in a failed write.
    /// </summary>
    public static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            throw new ConfigurationException(Property, $"'{path}' must end in {string.Join(" or ", Extensions)}");
        }

        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new ConfigurationException(Property, $"the folder of '{path}' does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new ConfigurationException(Property, $"'{path}' is a folder");
        }

        try
        {
            using (new FileStream(TempPath(full), FileMode.Create, FileAccess.Write, FileShare.None)) { }

            File.Delete(TempPath(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(Property, $"cannot write in the folder of '{path}' ({OneLine(e.Message)})");
        }
    }

    /// <summary>
    /// Writes one row per request of <paramref name="result"/> (run on <paramref name="workload"/> with
    /// <paramref name="config"/>) to <paramref name="path"/>, Parquet or CSV by its extension, replacing any file there
    /// (through a temporary file beside it, renamed over it). The same run gives the same bytes.
    /// </summary>
    public static async Task WriteAsync(
        string path,
        Workload workload,
        SimulationConfig config,
        SimulationResult result,
        CancellationToken cancellation = default
    )
    {
        ArgumentNullException.ThrowIfNull(result);
        CheckPath(path);
        var table = Build(workload, config, result);
        string full = Path.GetFullPath(path);
        string temp = TempPath(full);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    await WriteCsvAsync(table, stream, cancellation).ConfigureAwait(false);
                }
                else
                {
                    await WriteParquetAsync(table, stream, cancellation).ConfigureAwait(false);
                }

                await stream.FlushAsync(cancellation).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new ConfigurationException(Property, $"cannot write '{path}' ({OneLine(e.Message)})");
        }
    }

    /// <summary>The per-request columns of a run, indexed like the workload.</summary>
    /// <exception cref="ArgumentException">The result has no timeline, or it is not this workload's.</exception>
    public static RequestTable Build(Workload workload, SimulationConfig config, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(result);
        var timeline = result.Timeline
            ?? throw new ArgumentException("The run recorded no per-request timeline; run it with recordTimeline: true.", nameof(result));
        int n = workload.Count;
        if (timeline.Completion.Length != n)
        {
            throw new ArgumentException(
                $"The timeline has {timeline.Completion.Length} requests and the workload {n}; pass the run's own workload.",
                nameof(result)
            );
        }

        var continuous = result.Continuous;
        var bins = BinsOf(workload, config, result.Boundaries, continuous is not null);
        var arrivals = workload.Arrivals;
        var output = workload.OutputTokens;
        var predicted = workload.PredictedTokens;
        var table = new RequestTable(n)
        {
            RequestId = workload.Ids.ToArray(),
            Arrival = arrivals.ToArray(),
            PromptTokens = workload.PromptTokens.ToArray(),
            OutputTokens = output.ToArray(),
            PredictedOutputTokens = predicted.ToArray(),
        };

        bool isContinuous = continuous is not null;
        var record = new RequestRecord();
        for (int i = 0; i < n; i++)
        {
            record.Arrival = arrivals[i];
            record.Output = output[i];
            record.Replica = timeline.Gpu[i];
            record.Admission = timeline.Start[i];
            record.Completion = timeline.Completion[i];
            if (continuous is not null)
            {
                record.FirstToken = continuous.FirstToken[i];
                record.Preemptions = continuous.Preemptions[i];
                record.DecodeReplica = continuous.DecodeReplica is { } decode ? decode[i] : RequestTimeline.NotServed;
                record.KvTransfer = continuous.KvTransfer is { } transfer ? transfer[i] : double.NaN;
            }

            FillOutcome(table, i, record, bins?.Locate(predicted[i]), isContinuous);
        }

        return table;
    }

    /// <summary>
    /// Row <paramref name="row"/>'s outcome columns (bin, replica, times, preemptions, rejection, pool columns) from
    /// <paramref name="record"/>: the one rule for both the in-memory table and the streamed file, so both give the
    /// same bytes. The batch engine (<paramref name="continuous"/> false) has no token times or preemptions and its
    /// times exist once the request was served.
    /// </summary>
    internal static void FillOutcome(RequestTable table, int row, in RequestRecord record, int? bin, bool continuous)
    {
        int place = record.Replica;
        bool served = place >= 0;
        table.Rejected[row] = place == RequestTimeline.Rejected;
        table.Bin[row] = bin;
        table.Replica[row] = served ? place : null;
        double? firstToken = null;
        double? completion;
        if (!continuous)
        {
            // The batch engine: a request's times exist once its batch started (admission) and ended (completion).
            table.Admission[row] = served ? record.Admission : null;
            completion = served && !double.IsNaN(record.Completion) ? record.Completion : null;
            table.FirstToken[row] = null;
            table.Ttft[row] = null;
            table.Tpot[row] = null;
            table.Preemptions[row] = null;
            table.DecodeReplica[row] = null;
            table.KvTransfer[row] = null;
        }
        else
        {
            table.Admission[row] = Known(record.Admission);
            firstToken = Known(record.FirstToken);
            completion = Known(record.Completion);
            table.FirstToken[row] = firstToken;
            table.Preemptions[row] = record.Preemptions;
            table.DecodeReplica[row] = record.DecodeReplica >= 0 ? record.DecodeReplica : null;
            table.KvTransfer[row] = Known(record.KvTransfer);
            table.Ttft[row] = firstToken - record.Arrival;
            table.Tpot[row] = record.Output >= 2 ? (completion - firstToken) / (record.Output - 1) : null;
        }

        table.Completion[row] = completion;
        table.Latency[row] = completion - record.Arrival;
    }

    /// <summary>
    /// The bins of the <c>bin</c> column: the run's own (<paramref name="runBoundaries"/>: a binned batch scheduler's),
    /// else the configuration's (a streamed run computes them before it starts), else multi-bin admission's on the
    /// continuous engine (from <paramref name="workload"/>'s first predictions: the whole workload or a stream's head
    /// give the same); null when the run does not bin requests.
    /// </summary>
    internal static BinBoundaries? BinsOf(Workload workload, SimulationConfig config, BinBoundaries? runBoundaries, bool continuous)
    {
        if (runBoundaries is { } boundaries)
        {
            return boundaries;
        }

        if (!continuous)
        {
            return config.Scheduler.Scheduler.IsBinned ? config.Boundaries : null;
        }

        return config.Continuous.UsesBins ? ContinuousRun.AdmissionBoundaries(workload, config) : null;
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    internal static string TempPath(string full) => full + ".tmp";

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim().TrimEnd('.');

    /// <summary>The Parquet schema's fields, in <see cref="Columns"/> order.</summary>
    internal static DataField[] ParquetFields() =>
        [
            new DataField<int>(Columns[0]),
            new DataField<double>(Columns[1]),
            new DataField<int>(Columns[2]),
            new DataField<int>(Columns[3]),
            new DataField<int>(Columns[4]),
            new DataField<int?>(Columns[5]),
            new DataField<int?>(Columns[6]),
            new DataField<double?>(Columns[7]),
            new DataField<double?>(Columns[8]),
            new DataField<double?>(Columns[9]),
            new DataField<double?>(Columns[10]),
            new DataField<double?>(Columns[11]),
            new DataField<double?>(Columns[12]),
            new DataField<int?>(Columns[13]),
            new DataField<bool>(Columns[14]),
            new DataField<int?>(Columns[15]),
            new DataField<double?>(Columns[16]),
        ];

    private static async Task WriteParquetAsync(RequestTable table, Stream stream, CancellationToken cancellation)
    {
        var fields = ParquetFields();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellation).ConfigureAwait(false);
        int groups = Math.Max(1, (table.Count + RowGroupSize - 1) / RowGroupSize); // an empty run: one empty group
        for (int g = 0; g < groups; g++)
        {
            int start = g * RowGroupSize;
            await WriteRowGroupAsync(writer, fields, table, start, Math.Min(RowGroupSize, table.Count - start), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Rows <paramref name="start"/> .. + <paramref name="length"/> of <paramref name="table"/> as one row group.</summary>
    internal static async Task WriteRowGroupAsync(
        ParquetWriter writer,
        DataField[] fields,
        RequestTable table,
        int start,
        int length,
        CancellationToken cancellation
    )
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(fields[0], table.RequestId.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[1], table.Arrival.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[2], table.PromptTokens.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[3], table.OutputTokens.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[4], table.PredictedOutputTokens.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[5], table.Bin.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[6], table.Replica.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[7], table.Admission.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[8], table.FirstToken.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[9], table.Completion.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[10], table.Ttft.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[11], table.Tpot.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[12], table.Latency.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[13], table.Preemptions.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<bool>(fields[14], table.Rejected.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[15], table.DecodeReplica.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[16], table.KvTransfer.AsMemory(start, length), cancellationToken: cancellation).ConfigureAwait(false);
        group.CompleteValidate();
    }

    /// <summary>The CSV writer of a file: UTF-8 without BOM, \n line ends.</summary>
    internal static StreamWriter CsvText(Stream stream) => new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    /// <summary>The CSV header line.</summary>
    internal static string CsvHeader => string.Join(',', Columns);

    private static async Task WriteCsvAsync(RequestTable table, Stream stream, CancellationToken cancellation)
    {
        await using var text = CsvText(stream);
        await text.WriteLineAsync(CsvHeader.AsMemory(), cancellation).ConfigureAwait(false);
        var line = new StringBuilder(192);
        for (int i = 0; i < table.Count; i++)
        {
            CsvLine(line, table, i);
            await text.WriteLineAsync(line, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Row <paramref name="i"/> of <paramref name="table"/> as a CSV line (without its line end) in <paramref name="line"/>.</summary>
    internal static void CsvLine(StringBuilder line, RequestTable table, int i)
    {
        line.Clear();
        line.Append(CultureInfo.InvariantCulture, $"{table.RequestId[i]},");
        Append(line, table.Arrival[i]);
        line.Append(
            CultureInfo.InvariantCulture,
            $"{table.PromptTokens[i]},{table.OutputTokens[i]},{table.PredictedOutputTokens[i]},{table.Bin[i]},{table.Replica[i]},"
        );
        Append(line, table.Admission[i]);
        Append(line, table.FirstToken[i]);
        Append(line, table.Completion[i]);
        Append(line, table.Ttft[i]);
        Append(line, table.Tpot[i]);
        Append(line, table.Latency[i]);
        line.Append(CultureInfo.InvariantCulture, $"{table.Preemptions[i]},");
        line.Append(table.Rejected[i] ? "true," : "false,");
        line.Append(CultureInfo.InvariantCulture, $"{table.DecodeReplica[i]},");
        if (table.KvTransfer[i] is { } transfer)
        {
            line.Append(transfer.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A double in round-trip form (as the result store's CSV), then a comma; null is empty.</summary>
    private static void Append(StringBuilder line, double? value)
    {
        if (value is { } v)
        {
            line.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }

        line.Append(',');
    }
}

/// <summary>The per-request columns of one run (<see cref="RequestRecords.Columns"/>), indexed like the workload; null where not measured.</summary>
public sealed class RequestTable
{
    internal RequestTable(int count)
    {
        Count = count;
        RequestId = [];
        Arrival = [];
        PromptTokens = [];
        OutputTokens = [];
        PredictedOutputTokens = [];
        Bin = new int?[count];
        Replica = new int?[count];
        Admission = new double?[count];
        FirstToken = new double?[count];
        Completion = new double?[count];
        Ttft = new double?[count];
        Tpot = new double?[count];
        Latency = new double?[count];
        Preemptions = new int?[count];
        Rejected = new bool[count];
        DecodeReplica = new int?[count];
        KvTransfer = new double?[count];
    }

    public int Count { get; }

    /// <summary>A table with every column allocated, to be filled row by row (a streamed file's row group).</summary>
    internal static RequestTable Staging(int capacity) =>
        new(capacity)
        {
            RequestId = new int[capacity],
            Arrival = new double[capacity],
            PromptTokens = new int[capacity],
            OutputTokens = new int[capacity],
            PredictedOutputTokens = new int[capacity],
        };

    /// <summary>The request's id: its data row in the trace (0-based).</summary>
    public int[] RequestId { get; internal init; }

    /// <summary>Arrival, seconds.</summary>
    public double[] Arrival { get; internal init; }

    public int[] PromptTokens { get; internal init; }

    public int[] OutputTokens { get; internal init; }

    /// <summary>The predictor's output length, tokens.</summary>
    public int[] PredictedOutputTokens { get; internal init; }

    /// <summary>The bin of the predicted length (0-based) when the run binned requests (a multi-bin scheduler, or multi-bin admission); else null.</summary>
    public int?[] Bin { get; }

    /// <summary>The replica (continuous engine) or GPU (batch engine) that served the request; null when rejected or never served.</summary>
    public int?[] Replica { get; }

    /// <summary>First admission to a replica (continuous) or start of the request's batch (batch), seconds.</summary>
    public double?[] Admission { get; }

    /// <summary>Time of the first output token, seconds (continuous engine, requests with an output token).</summary>
    public double?[] FirstToken { get; }

    /// <summary>Completion, seconds.</summary>
    public double?[] Completion { get; }

    /// <summary>First token - arrival, seconds.</summary>
    public double?[] Ttft { get; }

    /// <summary>(Completion - first token) / (output tokens - 1), seconds; requests with at least 2 output tokens.</summary>
    public double?[] Tpot { get; }

    /// <summary>Completion - arrival, seconds.</summary>
    public double?[] Latency { get; }

    /// <summary>Times the request was preempted (continuous engine).</summary>
    public int?[] Preemptions { get; }

    /// <summary>The request could never fit memory and was turned away at arrival.</summary>
    public bool[] Rejected { get; }

    /// <summary>Disaggregated runs: the decode replica after the KV transfer (<see cref="Replica"/> is the prefill replica); null otherwise.</summary>
    public int?[] DecodeReplica { get; }

    /// <summary>Disaggregated runs: seconds from the prefill's end to the arrival at the decode pool (link wait included); null otherwise.</summary>
    public double?[] KvTransfer { get; }
}
