namespace MultiBinSim.Workloads;

/// <summary>
/// A workload read a chunk at a time in arrival order, in bounded memory: what <see cref="WorkloadBuilder.Build"/>
/// makes of the same rows, request for request (ids, rebased and scaled arrivals, lengths, predictions drawn in row
/// order from the same seed), without ever holding more than one chunk. Bin boundaries come from
/// <see cref="Head"/>: the first requests, built in memory by a second pass over the same deterministic source.
/// <para>
/// This slice streams sources whose rows are already in time order and keeps every row (the synthetic generator);
/// <see cref="WorkloadOptions.DropFailed"/>, the shared-prefix model and traces that need sorting use
/// <see cref="WorkloadBuilder.Build"/> (see README, "Streaming runs").
/// </para>
/// </summary>
public sealed class WorkloadStream
{
    private readonly Func<ITraceRowSource> _open;
    private readonly WorkloadOptions _options;
    private readonly IOutputLengthPredictor _predictor;
    private ITraceRowSource? _rows;
    private IPredictionStream? _predictions;
    private double _first = double.NaN;
    private double _last = double.NegativeInfinity;
    private int _read;

    /// <param name="open">Opens the row source from its first row (called once per pass: the head and the run).</param>
    /// <param name="count">Requests the stream yields: the first <paramref name="count"/> rows.</param>
    /// <param name="options">Arrival scaling, predictor and seed (validated).</param>
    public WorkloadStream(Func<ITraceRowSource> open, int count, WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        options.Validate();
        if (options.DropFailed || options.PrefixShare is not null)
        {
            throw new ArgumentException(
                "A workload stream keeps every row and has no prefix model (drop-failed and prefix share need the in-memory workload).",
                nameof(options)
            );
        }

        _open = open;
        _options = options;
        _predictor = Predictors.Create(options.Predictor, options.PredictorSigma);
        Count = count;
    }

    /// <summary>The synthetic trace's first <see cref="WorkloadOptions.Requests"/> rows (default: BurstGPT_1's row count) as a stream.</summary>
    public static WorkloadStream Synthetic(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int rows = options.Requests ?? SyntheticBurstGpt.DefaultRows;
        return new WorkloadStream(() => SyntheticBurstGpt.Rows(rows), rows, options);
    }

    /// <summary>Requests the stream yields.</summary>
    public int Count { get; }

    /// <summary>The predictor's name, as <see cref="Workload.Predictor"/>.</summary>
    public string Predictor => _predictor.Name;

    /// <summary>
    /// Fills <paramref name="chunk"/> with the next requests; false (and an empty chunk) once all <see cref="Count"/>
    /// have been read. The first call starts the pass.
    /// </summary>
    public bool Read(WorkloadChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _rows ??= _open();
        _predictions ??= _predictor.Stream(_options.Seed);
        chunk.Count = 0;
        int wanted = Math.Min(chunk.Capacity, Count - _read);
        while (chunk.Count < wanted)
        {
            int got = ReadRows(chunk, chunk.Count, wanted - chunk.Count);
            if (got == 0)
            {
                break;
            }

            chunk.Count += got;
        }

        int n = chunk.Count;
        if (n == 0)
        {
            return false;
        }

        // Predictions are drawn in row order, as the in-memory builder draws them before its (here unneeded) sort.
        _predictions.Predict(new PredictionInput(chunk.Prompt.AsSpan(0, n), chunk.Output.AsSpan(0, n), default, false), chunk.Predicted.AsSpan(0, n));
        var arrivals = chunk.Arrivals;
        for (int i = 0; i < n; i++)
        {
            double timestamp = arrivals[i];
            if (double.IsNaN(_first))
            {
                _first = timestamp;
            }
            else if (timestamp < _last)
            {
                throw new InvalidOperationException(
                    $"{_rows.Source}: row {_read + i} arrives before the row above it; a workload stream needs rows in time order."
                );
            }

            _last = timestamp;
            // Same operation order as the in-memory builder: rebase, then divide.
            double rebased = timestamp - _first;
            arrivals[i] = _options.RealTimestamps ? rebased : rebased / _options.RpsScaling;
            chunk.Ids[i] = _read + i;
        }

        _read += n;
        return true;
    }

    /// <summary>
    /// The first min(<paramref name="count"/>, <see cref="Count"/>) requests as an in-memory workload (a fresh pass; this stream's position is untouched).
    /// </summary>
    public Workload Head(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        count = Math.Min(count, Count);
        var head = new WorkloadStream(_open, count, _options);
        var chunk = new WorkloadChunk(Math.Min(count, WorkloadChunk.DefaultCapacity));
        var ids = new int[count];
        var arrivals = new double[count];
        var prompt = new int[count];
        var output = new int[count];
        var predicted = new int[count];
        int at = 0;
        string source = "";
        bool synthetic = false;
        while (head.Read(chunk))
        {
            (source, synthetic) = (head._rows!.Source, head._rows.IsSynthetic);
            chunk.Ids.AsSpan(0, chunk.Count).CopyTo(ids.AsSpan(at));
            chunk.Arrivals.AsSpan(0, chunk.Count).CopyTo(arrivals.AsSpan(at));
            chunk.Prompt.AsSpan(0, chunk.Count).CopyTo(prompt.AsSpan(at));
            chunk.Output.AsSpan(0, chunk.Count).CopyTo(output.AsSpan(at));
            chunk.Predicted.AsSpan(0, chunk.Count).CopyTo(predicted.AsSpan(at));
            at += chunk.Count;
        }

        return new Workload(source, synthetic, _predictor.Name, _options.Seed, ids, arrivals, prompt, output, predicted, at, []);
    }

    private int ReadRows(WorkloadChunk chunk, int at, int count)
    {
        if (at == 0 && count == chunk.Capacity)
        {
            return _rows!.Read(chunk.Arrivals, chunk.Prompt, chunk.Output);
        }

        // A partial chunk: read through the chunk's tail (rare: the last chunk, or a source returning short reads).
        var timestamps = new double[count];
        var request = new int[count];
        var response = new int[count];
        int got = _rows!.Read(timestamps, request, response);
        timestamps.AsSpan(0, got).CopyTo(chunk.Arrivals.AsSpan(at));
        request.AsSpan(0, got).CopyTo(chunk.Prompt.AsSpan(at));
        response.AsSpan(0, got).CopyTo(chunk.Output.AsSpan(at));
        return got;
    }
}
