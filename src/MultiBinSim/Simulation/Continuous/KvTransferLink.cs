namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Disaggregation: the links that carry a prefilled request's KV cache from its prefill replica to the decode pool.
/// Each prefill replica has one link; its transfers are serialised FIFO, so a transfer starts when its prefill ends or
/// when the replica's previous transfer ends, whichever is later, and lasts latency + prompt tokens x GB per token /
/// GB/s (<see cref="DisaggregationOptions.TransferTime"/>). The transfer time recorded per request is from its prefill's
/// end to its arrival at the decode pool (waiting for the link included).
/// </summary>
internal sealed class KvTransferLink
{
    private readonly DisaggregationOptions _options;
    private readonly double _gbPerToken;
    private readonly double[] _idleAt;
    private readonly int[] _source;
    private readonly PriorityQueue<int, (double Time, long Order)> _inFlight = new();
    private long _order;

    public KvTransferLink(DisaggregationOptions options, double gbPerToken, int requests)
    {
        _options = options;
        _gbPerToken = gbPerToken;
        _idleAt = new double[options.PrefillReplicas];
        _source = new int[requests];
        Times = new double[requests];
    }

    /// <summary>Transfer times (prefill end to arrival at the decode pool) of the first <see cref="Count"/> transfers, in start order.</summary>
    public double[] Times { get; }

    public int Count { get; private set; }

    /// <summary>Transfers that have not ended.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>When the next transfer ends; infinity when none is in flight.</summary>
    public double NextEnd => _inFlight.TryPeek(out _, out var key) ? key.Time : double.PositiveInfinity;

    /// <summary>
    /// Starts the transfer of <paramref name="request"/>'s <paramref name="tokens"/> tokens of KV cache from prefill replica <paramref name="replica"/>, whose
    /// prefill ended at <paramref name="end"/>.
    /// </summary>
    public void Start(int replica, int request, int tokens, double end)
    {
        double start = Math.Max(end, _idleAt[replica]);
        double done = start + _options.TransferTime(tokens, _gbPerToken);
        _idleAt[replica] = done;
        _source[request] = replica;
        Times[Count++] = done - end;
        _inFlight.Enqueue(request, (done, _order++));
    }

    /// <summary>Removes the transfer that ends next; returns its request and the prefill replica it left.</summary>
    public int Finish(out int source)
    {
        int request = _inFlight.Dequeue();
        source = _source[request];
        return request;
    }
}
