namespace MultiBinSim.Scheduling;

/// <summary>K FIFO bins by predicted length, and the rule that picks which bin a free GPU serves.</summary>
public sealed class BinQueues
{
    private readonly RequestQueue[] _bins;
    private readonly int[] _predicted;
    private readonly BinSelectionPolicy _policy;
    private readonly long[] _requestsPerBin;
    private readonly long[] _batchesPerBin;
    private int _cursor;
    private int _waiting;

    public BinQueues(BinBoundaries boundaries, BinSelectionPolicy policy, int[] predictedTokens, int expectedRequests)
    {
        Boundaries = boundaries;
        _policy = policy;
        _predicted = predictedTokens;
        _bins = new RequestQueue[boundaries.K];
        for (int i = 0; i < _bins.Length; i++)
        {
            _bins[i] = new RequestQueue(Math.Min(1 << 16, Math.Max(64, expectedRequests / boundaries.K)));
        }

        _requestsPerBin = new long[boundaries.K];
        _batchesPerBin = new long[boundaries.K];
    }

    public BinBoundaries Boundaries { get; }

    public bool HasWaiting => _waiting > 0;

    public ReadOnlySpan<long> RequestsPerBin => _requestsPerBin;

    public ReadOnlySpan<long> BatchesPerBin => _batchesPerBin;

    public RequestQueue this[int bin] => _bins[bin];

    /// <summary>The predicted length the bins sort <paramref name="request"/> by.</summary>
    public int Predicted(int request) => _predicted[request];

    public void Enqueue(int request)
    {
        int bin = Boundaries.Locate(_predicted[request]);
        _bins[bin].Enqueue(request);
        _requestsPerBin[bin]++;
        _waiting++;
    }

    /// <summary>The bin to serve next, or -1 when all are empty. The round-robin cursor moves only when a bin is found.</summary>
    public int SelectBin()
    {
        if (_waiting == 0)
        {
            return -1;
        }

        int k = _bins.Length;
        if (_policy == BinSelectionPolicy.LongestQueue)
        {
            int best = 0;
            for (int i = 1; i < k; i++)
            {
                if (_bins[i].Count > _bins[best].Count)
                {
                    best = i;
                }
            }

            return best;
        }

        for (int offset = 0; offset < k; offset++)
        {
            int i = _cursor + offset;
            if (i >= k)
            {
                i -= k;
            }

            if (_bins[i].Count > 0)
            {
                _cursor = i + 1 == k ? 0 : i + 1;
                return i;
            }
        }

        return -1;
    }

    /// <summary>Records that <paramref name="taken"/> requests left <paramref name="bin"/> as one batch.</summary>
    public void Took(int bin, int taken)
    {
        _waiting -= taken;
        _batchesPerBin[bin]++;
    }
}
