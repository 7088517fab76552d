namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Log-bucketed histogram of time-between-tokens gaps (seconds). Bucket i holds [m * g^i, m * g^(i+1)) with
/// m = 1e-7 s and g = 1.0005, up to 1e6 s (values outside are clamped to the first or last bucket); a quantile is
/// reported as the geometric middle of the bucket holding the nearest-rank order statistic, so it is within
/// sqrt(g) - 1 = 0.025 % of the exact order statistic (within 0.075 % if a value on a bucket edge lands in the
/// neighbouring bucket through rounding): the relative error is at most 0.1 %. Counts are weighted, so an
/// iteration's n equal gaps are one add.
/// </summary>
internal sealed class TbtHistogram
{
    public const double Min = 1e-7;
    public const double Growth = 1.0005;
    private static readonly double LogGrowth = Math.Log(Growth);
    private static readonly int BucketCount = (int)Math.Ceiling(Math.Log(1e6 / Min) / LogGrowth) + 1;
    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public static int Bucket(double value)
    {
        if (!(value > Min))
        {
            return 0;
        }

        double index = Math.Floor(Math.Log(value / Min) / LogGrowth);
        return index >= BucketCount - 1 ? BucketCount - 1 : (int)index;
    }

    /// <summary>The lower edge of bucket <paramref name="bucket"/>.</summary>
    public static double Edge(int bucket) => Min * Math.Exp(bucket * LogGrowth);

    public void Add(double value, long count)
    {
        if (count <= 0)
        {
            return;
        }

        _counts[Bucket(value)] += count;
        Count += count;
    }

    /// <summary>
    /// Adds the <paramref name="count"/> values a + c*j, j = 0 .. count-1 (c &gt;= 0), each <paramref name="weight"/> times, in O(buckets spanned).
    /// </summary>
    public void AddSeries(double a, double c, long count, long weight)
    {
        if (count <= 0 || weight <= 0)
        {
            return;
        }

        if (c <= 0)
        {
            Add(a, count * weight);
            return;
        }

        long j = 0;
        while (j < count)
        {
            int bucket = Bucket(a + c * j);
            if (bucket == BucketCount - 1)
            {
                Add(a + c * j, (count - j) * weight);
                return;
            }

            // Values below the bucket's upper edge: j' < (edge - a) / c.
            double upper = Edge(bucket + 1);
            long end = (long)Math.Ceiling((upper - a) / c);
            end = Math.Clamp(end, j + 1, count);
            Add(a + c * j, (end - j) * weight);
            j = end;
        }
    }

    /// <summary>The nearest-rank q-quantile (the ceil(q n)-th smallest value, at least the first), as its bucket's geometric middle; 0 when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return 0.0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Min * Math.Exp((i + 0.5) * LogGrowth);
            }
        }

        return Min * Math.Exp((BucketCount - 0.5) * LogGrowth);
    }
}
