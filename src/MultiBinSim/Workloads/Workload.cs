namespace MultiBinSim.Workloads;

/// <summary>
/// The requests of one experiment, sorted by arrival, as immutable parallel arrays (struct-of-arrays).
/// Runs never mutate a workload: per-run state lives in the simulator, so one workload can feed many runs at once.
/// A prefix (<see cref="Prefix"/>) shares the arrays, which is how the suite slices smaller N from the largest one.
/// </summary>
public sealed class Workload
{
    private readonly int[] _ids;
    private readonly double[] _arrivals;
    private readonly int[] _prompt;
    private readonly int[] _output;
    private readonly int[] _predicted;

    internal Workload(
        string source,
        bool isSynthetic,
        string predictor,
        int seed,
        int[] ids,
        double[] arrivals,
        int[] prompt,
        int[] output,
        int[] predicted,
        int count,
        IReadOnlyList<string> warnings
    )
    {
        Source = source;
        IsSynthetic = isSynthetic;
        Predictor = predictor;
        Seed = seed;
        _ids = ids;
        _arrivals = arrivals;
        _prompt = prompt;
        _output = output;
        _predicted = predicted;
        Count = count;
        Warnings = warnings;
    }

    /// <summary>Builds a workload from explicit columns (already in arrival order); used by tests and theory checks.</summary>
    public static Workload FromColumns(double[] arrivals, int[] promptTokens, int[] outputTokens, int[] predictedTokens, string source = "in-memory")
    {
        int n = arrivals.Length;
        if (promptTokens.Length != n || outputTokens.Length != n || predictedTokens.Length != n)
        {
            throw new ArgumentException("All workload columns must have the same length.");
        }

        for (int i = 1; i < n; i++)
        {
            if (arrivals[i] < arrivals[i - 1])
            {
                throw new ArgumentException($"Arrivals must be sorted; row {i} arrives before row {i - 1}.");
            }
        }

        var ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = i;
        }

        return new Workload(
            source,
            false,
            "explicit",
            0,
            ids,
            (double[])arrivals.Clone(),
            (int[])promptTokens.Clone(),
            (int[])outputTokens.Clone(),
            (int[])predictedTokens.Clone(),
            n,
            []
        );
    }

    public string Source { get; }

    public bool IsSynthetic { get; }

    /// <summary>A label for tables: the source, marked "synthetic" for generated traces.</summary>
    public string DisplayName => IsSynthetic ? $"synthetic: {Source}" : Source;

    public string Predictor { get; }

    public int Seed { get; }

    public int Count { get; }

    /// <summary>Non-fatal findings of the build (for example: timestamps were unsorted and have been sorted).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Row index in the source file (0-based, data rows only).</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    /// <summary>Arrival time in seconds from the first arrival (after RPS scaling).</summary>
    public ReadOnlySpan<double> Arrivals => _arrivals.AsSpan(0, Count);

    public ReadOnlySpan<int> PromptTokens => _prompt.AsSpan(0, Count);

    public ReadOnlySpan<int> OutputTokens => _output.AsSpan(0, Count);

    public ReadOnlySpan<int> PredictedTokens => _predicted.AsSpan(0, Count);

    // The simulator's hot loop reads the backing arrays directly (indices < Count only).
    internal double[] ArrivalArray => _arrivals;

    internal int[] PromptArray => _prompt;

    internal int[] OutputArray => _output;

    internal int[] PredictedArray => _predicted;

    /// <summary>The run's view of the requests: this workload's own arrays, a request's slot being its position (no copy).</summary>
    public RequestColumns Columns => new(_arrivals, _prompt, _output, _predicted, Count);

    public Request this[int index, double dSla = 1.0]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new Request(_ids[index], _arrivals[index], _prompt[index], _output[index], _predicted[index], _arrivals[index] + dSla);
        }
    }

    /// <summary>
    /// The same requests arriving <paramref name="factor"/> times faster (arrival / factor): what a higher RPS scaling
    /// gives, without rebuilding the workload. Only the arrival column is copied.
    /// </summary>
    public Workload WithArrivalsCompressed(double factor)
    {
        if (!(factor > 0) || !double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The compression factor must be a finite number > 0.");
        }

        var arrivals = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            arrivals[i] = _arrivals[i] / factor;
        }

        return new Workload(Source, IsSynthetic, Predictor, Seed, _ids, arrivals, _prompt, _output, _predicted, Count, Warnings) { Prefixes = Prefixes };
    }

    /// <summary>Which requests share prompt prefixes (for prefix caching); null when nothing is known (every prompt distinct).</summary>
    public PrefixIdentity? Prefixes { get; private init; }

    /// <summary>The same requests with prefix identity <paramref name="prefixes"/> (indexed like the requests).</summary>
    public Workload WithPrefixes(PrefixIdentity? prefixes)
    {
        if (prefixes is not null && prefixes.Count < Count)
        {
            throw new ArgumentException($"The prefix identity describes {prefixes.Count} requests; the workload has {Count}.", nameof(prefixes));
        }

        return new Workload(Source, IsSynthetic, Predictor, Seed, _ids, _arrivals, _prompt, _output, _predicted, Count, Warnings) { Prefixes = prefixes };
    }

    /// <summary>The first <paramref name="count"/> requests, sharing this workload's arrays (no copy).</summary>
    public Workload Prefix(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, Count);
        return count == Count
            ? this
            : new Workload(Source, IsSynthetic, Predictor, Seed, _ids, _arrivals, _prompt, _output, _predicted, count, Warnings) { Prefixes = Prefixes };
    }
}
