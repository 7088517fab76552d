namespace MultiBinSim.Scheduling;

/// <summary>
/// The interval move of Algorithm 2 of arXiv 2503.05248, shared by the batch engine's <see cref="PaperSlaController"/>
/// and the continuous engine's dynamic batching: with the observed latency tau, the SLA D, its band eps and the last
/// batch b: tau &gt; D + eps: b_high = max(b, b_low + alpha), b_low = max(b_low - delta, B_MIN); tau &lt; D - eps:
/// b_low = min(b, b_high - alpha), b_high = min(b_high + delta, B_MAX); otherwise b_high = min(b + floor(alpha/2), B_MAX),
/// b_low = max(b - floor(alpha/2), B_MIN). Each caller then clamps and takes b_SLA as its engine needs.
/// </summary>
public static class SlaInterval
{
    /// <summary>Moves [<paramref name="low"/>, <paramref name="high"/>] by one observation.</summary>
    public static void Move(
        ref int low,
        ref int high,
        double observed,
        int batch,
        double dSla,
        double epsilon,
        int alpha,
        int delta,
        int minBatch,
        int maxBatch
    )
    {
        if (observed > dSla + epsilon)
        {
            high = Math.Max(batch, low + alpha);
            low = Math.Max(low - delta, minBatch);
        }
        else if (observed < dSla - epsilon)
        {
            low = Math.Min(batch, high - alpha);
            high = Math.Min(high + delta, maxBatch);
        }
        else
        {
            high = Math.Min(batch + alpha / 2, maxBatch);
            low = Math.Max(batch - alpha / 2, minBatch);
        }
    }
}
