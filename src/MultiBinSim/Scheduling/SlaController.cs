namespace MultiBinSim.Scheduling;

/// <summary>
/// The original simulator's variant of Algorithm 2 (arXiv 2503.05248): an interval [b_low, b_high] that shrinks when
/// the smoothed batch service time tau is above D_SLA + 2 eps, grows when it is below D_SLA - 2 eps, and re-centres
/// on the smoothed batch size otherwise. b_SLA is the interval's midpoint.
/// </summary>
/// <remarks>
/// <see cref="NextBatchSize"/> changes the state on every call: that is the algorithm. Callers must call it exactly once
/// per batch formed from a non-empty queue, and never when the queue is empty.
/// </remarks>
public sealed class SlaController : ISlaController
{
    public const double Weight = 0.2;
    public const int WarmUpUpdates = 3;

    private readonly double _dSla;
    private readonly double _epsilon;
    private readonly int _bMin;
    private readonly int _bMax;

    public SlaController(double dSla, double epsilon, int bMin, int bMax)
    {
        _dSla = dSla;
        _epsilon = epsilon;
        _bMin = bMin;
        _bMax = bMax;
        BLow = bMin;
        BHigh = bMax;
        AverageBatchSize = (bMin + bMax) / 2;
    }

    public int BLow { get; private set; }

    public int BHigh { get; private set; }

    /// <summary>tau: EMA of batch service time (completion - start), seconds.</summary>
    public double AverageServiceTime { get; private set; }

    public double AverageBatchSize { get; private set; }

    public int Updates { get; private set; }

    /// <summary>Feeds one completed batch.</summary>
    public void Update(double signal, int batchSize)
    {
        if (batchSize <= 0)
        {
            return;
        }

        AverageServiceTime = Weight * signal + (1 - Weight) * AverageServiceTime;
        AverageBatchSize = Weight * batchSize + (1 - Weight) * AverageBatchSize;
        Updates++;
    }

    /// <summary>Adjusts the interval and returns b_SLA.</summary>
    public int NextBatchSize()
    {
        if (AverageServiceTime == 0.0 || Updates < WarmUpUpdates)
        {
            return (BLow + BHigh) / 2;
        }

        double tau = AverageServiceTime,
            bAvg = AverageBatchSize;
        if (tau > _dSla + 2 * _epsilon)
        {
            BHigh = Math.Min(BHigh, Math.Max(_bMin, (int)(bAvg * 0.9)));
            BLow = Math.Max(_bMin, Math.Min(BLow, (int)(bAvg * 0.7)));
        }
        else if (tau < _dSla - 2 * _epsilon)
        {
            BLow = Math.Max(BLow, (int)bAvg);
            BHigh = Math.Min(BHigh + (int)(0.3 * bAvg), _bMax);
        }
        else
        {
            int margin = Math.Max(2, (int)(0.15 * (BHigh - BLow)));
            BLow = Math.Max(_bMin, (int)bAvg - margin);
            BHigh = Math.Min(_bMax, (int)bAvg + margin);
        }

        BLow = Math.Max(_bMin, BLow);
        BHigh = Math.Min(_bMax, BHigh);
        if (BLow > BHigh)
        {
            BLow = BHigh;
        }

        return Math.Clamp((BLow + BHigh) / 2, _bMin, _bMax);
    }
}
