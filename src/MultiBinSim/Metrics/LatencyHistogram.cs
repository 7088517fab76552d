using System.Runtime.CompilerServices;

namespace MultiBinSim.Metrics;

/// <summary>
/// A mergeable histogram of latencies (seconds) in bounded memory, for runs too large to keep one latency per request.
/// <para>
/// A value's bucket is its IEEE 754 exponent and the top <see cref="MantissaBits"/> bits of its mantissa, so every bucket
/// [L, U) has (U - L) / L &lt;= 2^-10, and its midpoint is within 2^-11 (0.049 %) of every value in it: an order
/// statistic read from the histogram (the midpoint of the bucket holding that rank, clamped to the exact minimum and
/// maximum) is within <see cref="RelativeError"/> of the true one, and a linear-interpolation percentile built from two
/// such order statistics is within the same relative error of the exact percentile. Values at or below 2^-40 s (about
/// 1e-12 s: zero, in practice) share one bucket and read as the exact minimum; values at or above 2^40 s read as the
/// exact maximum. Counts, the minimum and the maximum are exact; two histograms merge by adding counts.
/// </para>
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Mantissa bits that split each power of two into buckets.</summary>
    public const int MantissaBits = 10;

    /// <summary>The largest relative error of an order statistic or percentile read from the histogram: 2^-11.</summary>
    public const double RelativeError = 1.0 / (1 << (MantissaBits + 1));

    private const int MinExponent = -40;
    private const int MaxExponent = 40;
    private const int Shift = 52 - MantissaBits;
    private const long LowKey = (long)(1023 + MinExponent) << MantissaBits;
    private const int Buckets = ((MaxExponent - MinExponent) << MantissaBits) + 2; // + underflow and overflow

    private readonly long[] _counts = new long[Buckets];

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value added (exact); +infinity when empty.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest value added (exact); -infinity when empty.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        _counts[Bucket(value)]++;
        Count++;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds every value of <paramref name="other"/> (the histograms of two parts of a run merge into the run's).</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int b = 0; b < Buckets; b++)
        {
            _counts[b] += other._counts[b];
        }

        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value of rank <paramref name="rank"/> (0-based) in sorted order, within <see cref="RelativeError"/>.</summary>
    public double OrderStatistic(long rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Count);
        if (rank == 0)
        {
            return Min;
        }

        if (rank == Count - 1)
        {
            return Max;
        }

        long seen = 0;
        for (int b = 0; b < Buckets; b++)
        {
            seen += _counts[b];
            if (seen > rank)
            {
                return Math.Clamp(Midpoint(b), Min, Max);
            }
        }

        throw new InvalidOperationException("The bucket counts do not add up to Count.");
    }

    /// <summary>
    /// The linear-interpolation (R7, NumPy's default) percentile at <paramref name="tau"/>, from the two order statistics
    /// around (n - 1) tau; within <see cref="RelativeError"/> of the exact percentile of positive values. 0 when empty.
    /// </summary>
    public double Quantile(double tau)
    {
        if (Count == 0)
        {
            return 0.0;
        }

        double h = (Count - 1) * tau;
        long k = (long)Math.Floor(h);
        if (k >= Count - 1)
        {
            return Max;
        }

        double lower = OrderStatistic(k),
            upper = OrderStatistic(k + 1);
        return lower + (h - k) * (upper - lower);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(double value)
    {
        if (!(value > 0))
        {
            return 0;
        }

        long key = (BitConverter.DoubleToInt64Bits(value) >> Shift) - LowKey + 1;
        return key < 1 ? 0
            : key >= Buckets - 1 ? Buckets - 1
            : (int)key;
    }

    /// <summary>The middle of bucket <paramref name="bucket"/> (the underflow and overflow buckets read as their edge).</summary>
    private static double Midpoint(int bucket)
    {
        if (bucket == 0)
        {
            return 0.0;
        }

        if (bucket == Buckets - 1)
        {
            return double.PositiveInfinity;
        }

        double lower = BitConverter.Int64BitsToDouble((bucket - 1 + LowKey) << Shift);
        double upper = BitConverter.Int64BitsToDouble((bucket + LowKey) << Shift);
        return lower + (upper - lower) / 2;
    }
}
