using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>K FIFO bins by predicted length, and the rule that picks which bin a free GPU serves: the binned queue shape.</summary>
public sealed class BinQueues : IQueueShape
{
    private readonly RequestQueue[] _bins;
    private readonly RequestColumns _columns;
    private readonly BinSelector _selector;
    private readonly long[] _requestsPerBin;
    private readonly long[] _batchesPerBin;
    private int _waiting;

    public BinQueues(BinBoundaries boundaries, BinSelectionPolicy policy, RequestColumns columns)
    {
        Boundaries = boundaries;
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
        int expectedRequests = columns.ExpectedRequests;
        var bins = new RequestQueue[boundaries.K];
        for (int i = 0; i < bins.Length; i++)
        {
            bins[i] = new RequestQueue(Math.Min(1 << 16, Math.Max(64, expectedRequests / boundaries.K)));
        }

        _bins = bins;
        _selector = new BinSelector(policy, boundaries.K, bin => bins[bin].Count);

        _requestsPerBin = new long[boundaries.K];
        _batchesPerBin = new long[boundaries.K];
    }

    public BinBoundaries Boundaries { get; }

    public bool HasWaiting => _waiting > 0;

    public ReadOnlySpan<long> RequestsPerBin => _requestsPerBin;

    public ReadOnlySpan<long> BatchesPerBin => _batchesPerBin;

    public RequestQueue this[int bin] => _bins[bin];

    /// <summary>The predicted length the bins sort <paramref name="request"/> by.</summary>
    public int Predicted(int request) => _columns.Predicted[request];

    public void Enqueue(int request)
    {
        int bin = Boundaries.Locate(_columns.Predicted[request]);
        _bins[bin].Enqueue(request);
        _requestsPerBin[bin]++;
        _waiting++;
    }

    /// <summary>The bin to serve next, or -1 when all are empty (<see cref="BinSelector"/>).</summary>
    public int SelectBin() => _waiting == 0 ? -1 : _selector.Next();

    /// <summary>Records that <paramref name="taken"/> requests left the queue of bin <paramref name="group"/> as one batch.</summary>
    public void Took(int group, int taken)
    {
        _waiting -= taken;
        _batchesPerBin[group]++;
    }

    BinBoundaries? IQueueShape.Boundaries => Boundaries;

    int IQueueShape.Select() => SelectBin();

    RequestQueue IQueueShape.Queue(int group) => _bins[group];
}
