namespace MultiBinSim.Scheduling;

/// <summary>
/// Equal-mass bin boundaries over predicted output lengths. Bin i holds predictions in [Lower[i], Lower[i+1]);
/// the last bin is unbounded above; a prediction below Lower[0] goes to bin 0. Equal bounds make empty bins,
/// which are allowed and reported.
/// </summary>
public sealed class BinBoundaries : IEquatable<BinBoundaries>
{
    public const int DefaultSampleSize = 5000;
    public const int MaxBins = 64;

    private readonly int[] _lower;

    public BinBoundaries(IReadOnlyList<int> lowerBounds)
    {
        if (lowerBounds.Count is < 1 or > MaxBins)
        {
            throw new ArgumentException($"K must be between 1 and {MaxBins} (got {lowerBounds.Count}).");
        }

        _lower = lowerBounds.ToArray();
        for (int i = 1; i < _lower.Length; i++)
        {
            if (_lower[i] < _lower[i - 1])
            {
                throw new ArgumentException("Bin lower bounds must be non-decreasing.");
            }
        }
    }

    public int K => _lower.Length;

    public IReadOnlyList<int> LowerBounds => _lower;

    /// <summary>Bins that can never receive a request (their lower and upper bound are equal).</summary>
    public IReadOnlyList<int> EmptyBins => Enumerable.Range(0, K - 1).Where(i => _lower[i] == _lower[i + 1]).ToArray();

    /// <summary>
    /// Boundaries from the predictions of the first min(<paramref name="sampleSize"/>, N) requests:
    /// q_i is the linear-interpolation quantile at i * (1.0 / K), i = 0..K, and bin i is [floor(q_i), floor(q_(i+1))).
    /// K = 1 is the single bin [0, unbounded).
    /// </summary>
    public static BinBoundaries Compute(ReadOnlySpan<int> predictions, int k, int sampleSize = DefaultSampleSize)
    {
        if (k is < 1 or > MaxBins)
        {
            throw new ArgumentException($"K must be between 1 and {MaxBins} (got {k}).");
        }

        if (k == 1)
        {
            return new BinBoundaries([0]);
        }

        if (predictions.Length == 0)
        {
            throw new ArgumentException("Bin boundaries need at least one prediction.");
        }

        var sample = predictions[..Math.Min(sampleSize, predictions.Length)].ToArray();
        Array.Sort(sample);
        var lower = new int[k];
        double step = 1.0 / k;
        for (int i = 0; i < k; i++)
        {
            lower[i] = (int)Math.Floor(LinearQuantile(sample, i * step));
        }

        return new BinBoundaries(lower);
    }

    /// <summary>
    /// NumPy's default ("linear", R7) quantile of sorted integers, computed operation for operation as NumPy does
    /// (virtual index (n-1) p, and its two-sided lerp). Boundaries are floored, so the last bit matters: a value one ulp
    /// under an integer would move a boundary by a whole token.
    /// </summary>
    internal static double LinearQuantile(int[] sorted, double p)
    {
        int n = sorted.Length;
        double virtualIndex = (n - 1) * p;
        if (virtualIndex >= n - 1)
        {
            return sorted[n - 1];
        }

        if (virtualIndex <= 0)
        {
            return sorted[0];
        }

        double previous = Math.Floor(virtualIndex);
        double gamma = virtualIndex - previous;
        int a = sorted[(int)previous],
            b = sorted[(int)previous + 1];
        double diff = (double)b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /// <summary>The bin of a predicted length: the number of bounds Lower[1..K-1] at or below it.</summary>
    public int Locate(int predicted)
    {
        int lo = 1,
            hi = _lower.Length; // search in [1, K) for the first bound > predicted
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_lower[mid] <= predicted)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    public override string ToString() =>
        string.Join(" ", Enumerable.Range(0, K).Select(i => i == K - 1 ? $"[{_lower[i]}, inf)" : $"[{_lower[i]}, {_lower[i + 1]})"));

    public bool Equals(BinBoundaries? other) => other is not null && _lower.AsSpan().SequenceEqual(other._lower);

    public override bool Equals(object? obj) => Equals(obj as BinBoundaries);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int bound in _lower)
        {
            hash.Add(bound);
        }

        return hash.ToHashCode();
    }
}
