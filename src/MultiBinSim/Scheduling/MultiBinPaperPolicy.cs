using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// multi_bin_paper, Algorithm 1 of arXiv 2412.04504: requests wait in K bins by predicted length; a bin forms a batch
/// only when it holds B (the fixed batch size) requests, when its oldest request has waited <see cref="SchedulerOptions.MaxWait"/>
/// (if set), or when arrivals have ended (final flush). Formed batches wait in one central FIFO, served by free GPUs.
/// </summary>
public sealed class MultiBinPaperPolicy : IBatchPolicy
{
    /// <summary>The scheduler's descriptor (see <see cref="Schedulers"/>).</summary>
    public static SchedulerKind Kind { get; } =
        new(
            "multi_bin_paper",
            "Algorithm 1 of arXiv 2412.04504: a bin forms a batch of B only when full (or after MaxWait, or when arrivals end); batches wait in one central FIFO.",
            isBinned: true,
            [
                nameof(SchedulerOptions.K),
                nameof(SchedulerOptions.BinPolicy),
                nameof(SchedulerOptions.BoundarySampleSize),
                nameof(SchedulerOptions.FixedBatchSize),
                nameof(SchedulerOptions.MaxWait),
            ],
            (options, columns, boundaries) => new MultiBinPaperPolicy(options, boundaries!, columns)
        );

    private readonly BinQueues _bins;
    private readonly int _batchSize;
    private readonly double? _maxWait;
    private readonly RequestColumns _columns;
    private readonly RequestQueue _ready; // requests of formed batches, batch after batch
    private readonly RequestQueue _readySizes; // the size of each formed batch, in order
    private readonly RequestQueue _readyBins; // the bin of each formed batch, in order
    private readonly int[] _scratch;

    public MultiBinPaperPolicy(SchedulerOptions options, BinBoundaries boundaries, RequestColumns columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        int expectedRequests = columns.ExpectedRequests;
        _bins = new BinQueues(boundaries, options.BinPolicy, columns);
        _batchSize = options.FixedBatchSize;
        _maxWait = options.MaxWait;
        _columns = columns;
        _ready = new RequestQueue(Math.Min(1 << 16, expectedRequests));
        _readySizes = new RequestQueue();
        _readyBins = new RequestQueue();
        _scratch = new int[_batchSize];
    }

    public int MaxBatchSize => _batchSize;

    public bool HasWaiting => _readySizes.Count > 0;

    public BinBoundaries? Boundaries => _bins.Boundaries;

    public ReadOnlySpan<long> RequestsPerBin => _bins.RequestsPerBin;

    public ReadOnlySpan<long> BatchesPerBin => _bins.BatchesPerBin;

    public double NextTimer
    {
        get
        {
            if (_maxWait is not { } wait)
            {
                return double.PositiveInfinity;
            }

            double next = double.PositiveInfinity;
            for (int b = 0; b < _bins.Boundaries.K; b++)
            {
                if (_bins[b].Count > 0)
                {
                    next = Math.Min(next, _columns.Arrivals[_bins[b].PeekAt(0)] + wait);
                }
            }

            return next;
        }
    }

    public void Enqueue(int request)
    {
        _bins.Enqueue(request);
        int bin = _bins.Boundaries.Locate(_bins.Predicted(request));
        if (_bins[bin].Count >= _batchSize)
        {
            FormBatch(bin, _batchSize);
        }
    }

    public void OnTimer(double now)
    {
        for (int b = 0; b < _bins.Boundaries.K; b++)
        {
            if (_bins[b].Count > 0 && _columns.Arrivals[_bins[b].PeekAt(0)] + _maxWait!.Value <= now)
            {
                FormBatch(b, Math.Min(_batchSize, _bins[b].Count));
            }
        }
    }

    public void OnArrivalsEnded()
    {
        for (int b = 0; b < _bins.Boundaries.K; b++)
        {
            while (_bins[b].Count > 0)
            {
                FormBatch(b, Math.Min(_batchSize, _bins[b].Count));
            }
        }
    }

    public int FormBatch(Span<int> batch, out int group)
    {
        group = 0;
        if (_readySizes.Count == 0)
        {
            return 0;
        }

        Span<int> one = stackalloc int[1];
        _readySizes.DequeueInto(one);
        int size = one[0];
        _readyBins.DequeueInto(one);
        group = one[0];
        _ready.DequeueInto(batch[..size]);
        return size;
    }

    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion)
    {
        // No feedback: the batch size is fixed.
    }

    private void FormBatch(int bin, int size)
    {
        var requests = _scratch.AsSpan(0, size);
        _bins[bin].DequeueInto(requests);
        _bins.Took(bin, size);
        foreach (int r in requests)
        {
            _ready.Enqueue(r);
        }

        _readySizes.Enqueue(size);
        _readyBins.Enqueue(bin);
    }
}
