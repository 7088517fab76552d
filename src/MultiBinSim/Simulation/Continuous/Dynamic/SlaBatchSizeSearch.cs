namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>
/// Algorithm 2 of Pang et al. (arXiv 2503.05248), SLA-constrained dynamic batching: a binary search on the batch size
/// over a moving interval [b_low, b_high] that keeps the observed decode-step time within D_SLA +/- epsilon_D
/// (constraint (3)). Each observed decode step (recent average latency tau and batch size b) updates:
/// tau &gt; D_SLA + eps (lines 5-7): b_high = max(b, b_low + alpha), b_low = max(b_low - delta, B_min);
/// tau &lt; D_SLA - eps (lines 8-10): b_low = min(b, b_high - alpha), b_high = min(b_high + delta, B_max);
/// otherwise (lines 11-13): b_high = min(b + floor(alpha/2), B_max), b_low = max(b - floor(alpha/2), B_min);
/// then b_SLA = floor((b_low + b_high) / 2) (line 14), clamped to min(max(b_SLA, N^d), B_max) (line 15).
/// The interval starts at [B_min, B_max] (line 1) and b_SLA at B_max.
/// </summary>
/// <remarks>
/// "Recent average" is read as the last decode step: the simulator's step times are noise-free, so averaging would only
/// delay the reaction. Only decode-only iterations are observations (prefill iterations are not decode latency).
/// </remarks>
public sealed class SlaBatchSizeSearch
{
    /// <summary>Creates the search; all times in seconds.</summary>
    public SlaBatchSizeSearch(double dSla, double epsilon, int alpha, int delta, int minBatch, int maxBatch)
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
        Low = minBatch;
        High = maxBatch;
        Current = maxBatch;
    }

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

    /// <summary>One step of Algorithm 2 after a decode step of <paramref name="stepTime"/> seconds with <paramref name="batch"/> sequences, leaving <paramref name="decoding"/> decoding; returns b_SLA.</summary>
    public int Update(double stepTime, int batch, int decoding)
    {
        int low = Low, high = High;
        Scheduling.SlaInterval.Move(ref low, ref high, stepTime, batch, DSla, Epsilon, Alpha, Delta, MinBatch, MaxBatch);
        (Low, High) = (low, high);
        int b = (Low + High) / 2;
        Current = Math.Min(Math.Max(b, decoding), MaxBatch);
        return Current;
    }
}
