namespace MultiBinSim.Scheduling;

/// <summary>
/// Algorithm 2 of arXiv 2503.05248 as written. With tau the recent average latency (an EMA with weight 0.2, as the
/// heuristic's) and b the last batch size: if tau > D + eps, b_high = max(b, b_low + alpha) and b_low = max(b_low -
/// delta, B_MIN); if tau &lt; D - eps, b_low = min(b, b_high - alpha) and b_high = min(b_high + delta, B_MAX); otherwise
/// b_high = min(b + floor(alpha/2), B_MAX) and b_low = max(b - floor(alpha/2), B_MIN). b_SLA = floor((b_low + b_high) / 2).
/// Before the first observation it returns the midpoint of [B_MIN, B_MAX].
/// </summary>
public sealed class PaperSlaController : ISlaController
{
    public const double Weight = 0.2;

    private readonly double _dSla,
        _epsilon;
    private readonly int _bMin,
        _bMax,
        _alpha,
        _delta;

    public PaperSlaController(double dSla, double epsilon, int bMin, int bMax, int alpha, int delta)
    {
        (_dSla, _epsilon, _bMin, _bMax, _alpha, _delta) = (dSla, epsilon, bMin, bMax, alpha, delta);
        BLow = bMin;
        BHigh = bMax;
    }

    public int BLow { get; private set; }

    public int BHigh { get; private set; }

    public double AverageSignal { get; private set; }

    public int LastBatchSize { get; private set; }

    public int Updates { get; private set; }

    public void Update(double signal, int batchSize)
    {
        if (batchSize <= 0)
        {
            return;
        }

        AverageSignal = Updates == 0 ? signal : Weight * signal + (1 - Weight) * AverageSignal;
        LastBatchSize = batchSize;
        Updates++;
    }

    public int NextBatchSize()
    {
        if (Updates == 0)
        {
            return (BLow + BHigh) / 2;
        }

        int low = BLow,
            high = BHigh;
        SlaInterval.Move(ref low, ref high, AverageSignal, LastBatchSize, _dSla, _epsilon, _alpha, _delta, _bMin, _bMax);
        BLow = Math.Clamp(low, _bMin, _bMax);
        BHigh = Math.Clamp(high, _bMin, _bMax);
        if (BLow > BHigh)
        {
            BLow = BHigh;
        }

        return Math.Clamp((BLow + BHigh) / 2, _bMin, _bMax);
    }
}
