namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>
/// Algorithm 2 of Pang et al. (arXiv 2503.05248), SLA-constrained dynamic batching: a binary search on the batch size
/// over a moving interval [b_low, b_high] that keeps the observed decode-step time within D_SLA +/- epsilon_D
/// (constraint (3)). Each observed decode step (recent average latency tau and batch size b) updates:
/// tau &gt; D_SLA + eps (lines 5-7): b_high = max(b, b_low + alpha), b_low = max(b_low - delta, B_min);
/// tau &lt; D_SLA - eps (lines 8-10): b_low = min(b, b_high - alpha), b_high = min(b_high + delta, B_max);
/// otherwise (lines 11-13): b_high = min(b + floor(alpha/2), B_max), b_low = max(b - floor(alpha/2), B_min);
/// then b_SLA = floor((b_low + b_high) / 2) (line 14), clamped to min(max(b_SLA, N^d), B_max) (line 15) and kept
/// &gt;= B_min.
/// The interval starts at [B_min, B_max] (line 1) and b_SLA at B_max.
/// </summary>
/// <remarks>
/// "Recent average" is read as the last decode step: the simulator's step times are noise-free, so averaging would only
/// delay the reaction. Only decode-only iterations are observations (prefill iterations are not decode latency).
/// <para>
/// <see cref="SlaSearchMode.Guarded"/> (not in the paper) keeps all of the above and caps the midpoint by
/// <see cref="Guard"/> before line 15: b_SLA = min(max(min(floor((b_low + b_high) / 2), guard), N^d), B_max). The guard
/// is the largest batch the last observation (tau at b) predicts to meet D_SLA along the secant through it and the most
/// recent observation at another batch size (tau' at b'), s = (tau - tau') / (b - b'): guard = b + floor((D_SLA - tau) / s)
/// when s &gt; 0; with no such slope yet (or s &lt;= 0), guard = b + p if tau &lt;= D_SLA, else b - p, with the probe
/// step p = max(1, floor(alpha / 2)) (the neighbourhood line 12 explores around an in-band batch); always within
/// [B_min, B_max]. Before any observation guard = min(max(p, B_min), B_max), not B_max. Under a step time linear in b
/// (the paper's eq. (6)) two observations give the exact line, so the guard is the largest b with tau(b) &lt;= D_SLA.
/// </para>
/// </remarks>
public sealed class SlaBatchSizeSearch
{
    /// <summary>Creates the search; all times in seconds.</summary>
    public SlaBatchSizeSearch(double dSla, double epsilon, int alpha, int delta, int minBatch, int maxBatch)
        : this(dSla, epsilon, alpha, delta, minBatch, maxBatch, SlaSearchMode.Paper) { }

    /// <summary>Creates the search in <paramref name="mode"/>; all times in seconds.</summary>
    public SlaBatchSizeSearch(double dSla, double epsilon, int alpha, int delta, int minBatch, int maxBatch, SlaSearchMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, minBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        DSla = dSla;
        Epsilon = epsilon;
        Alpha = alpha;
        Delta = delta;
        MinBatch = minBatch;
        MaxBatch = maxBatch;
        Mode = mode;
        Low = minBatch;
        High = maxBatch;
        Probe = Math.Max(1, alpha / 2);
        Guard = Math.Min(Math.Max(Probe, minBatch), maxBatch);
        Current = mode == SlaSearchMode.Guarded ? Guard : maxBatch;
    }

    /// <summary>Paper or guarded.</summary>
    public SlaSearchMode Mode { get; }

    /// <summary>Guarded: the probe step p = max(1, floor(alpha / 2)).</summary>
    public int Probe { get; }

    /// <summary>Guarded: the cap on b_SLA after the last observation (unused in <see cref="SlaSearchMode.Paper"/>).</summary>
    public int Guard { get; private set; }

    /// <summary>Guarded: the per-sequence step-time slope of the secant, seconds (NaN until two batch sizes were observed).</summary>
    public double Slope => _refBatch > 0 ? (_lastStep - _refStep) / (_lastBatch - _refBatch) : double.NaN;

    /// <summary>D_SLA, seconds.</summary>
    public double DSla { get; }

    /// <summary>epsilon_D, seconds.</summary>
    public double Epsilon { get; }

    /// <summary>alpha.</summary>
    public int Alpha { get; }

    /// <summary>delta.</summary>
    public int Delta { get; }

    /// <summary>B_min.</summary>
    public int MinBatch { get; }

    /// <summary>B_max.</summary>
    public int MaxBatch { get; }

    /// <summary>b_low.</summary>
    public int Low { get; private set; }

    /// <summary>b_high.</summary>
    public int High { get; private set; }

    /// <summary>b_SLA after the last <see cref="Update"/>.</summary>
    public int Current { get; private set; }

    /// <summary>
    /// One step of Algorithm 2 after a decode step of <paramref name="stepTime"/> seconds with <paramref name="batch"/> sequences, leaving
    /// <paramref name="decoding"/> decoding; returns b_SLA.
    /// </summary>
    public int Update(double stepTime, int batch, int decoding)
    {
        int low = Low,
            high = High;
        Scheduling.SlaInterval.Move(ref low, ref high, stepTime, batch, DSla, Epsilon, Alpha, Delta, MinBatch, MaxBatch);
        (Low, High) = (low, high);
        int b = (Low + High) / 2;
        if (Mode == SlaSearchMode.Guarded)
        {
            Guard = NextGuard(stepTime, batch);
            b = Math.Min(b, Guard);
        }

        // Line 15, and never below B_min: line 9 moves b_low to b_high - alpha without a B_min clamp, so with
        // b_high - alpha < B_min the midpoint could reach 0, which would stop an idle replica for good.
        Current = Math.Min(Math.Max(Math.Max(b, MinBatch), decoding), MaxBatch);
        return Current;
    }

    // Guarded mode: the last observation and the most recent one at another batch size (batch 0 = none).
    private int _lastBatch;
    private double _lastStep;
    private int _refBatch;
    private double _refStep;

    private int NextGuard(double stepTime, int batch)
    {
        if (_lastBatch > 0 && _lastBatch != batch)
        {
            (_refBatch, _refStep) = (_lastBatch, _lastStep);
        }

        (_lastBatch, _lastStep) = (batch, stepTime);
        double slope = Slope;
        double headroom;
        if (slope > 0 && double.IsFinite(slope))
        {
            // The largest h with stepTime + slope h <= D_SLA; bounded first so that the cast cannot overflow.
            headroom = Math.Floor(Math.Clamp((DSla - stepTime) / slope, -(double)MaxBatch - 1, (double)MaxBatch + 1));
        }
        else
        {
            headroom = stepTime <= DSla ? Probe : -Probe;
        }

        return (int)Math.Clamp(batch + headroom, MinBatch, MaxBatch);
    }
}
