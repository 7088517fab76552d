using MathNet.Numerics.Distributions;

namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>
/// Algorithm 1 of Pang et al. (arXiv 2503.05248), memory-constrained dynamic batching: the largest b whose tokens
/// S = sum over the batch of (l_in + l_out) exceed the KV budget eta with probability at most epsilon_M (constraint (2)).
/// By the CLT, S ~ N(b mu, b sigma^2) with mu = E[l_in] + E[l_out] (eq. 8) and sigma^2 = Var l_in + Var l_out (eq. 9),
/// so P(S &gt; eta) &lt;= epsilon_M (eq. 10-11) with theta = Phi^-1(1 - epsilon_M) gives eq. (12):
/// b &lt;= ((sqrt((sigma theta)^2 + 4 mu eta) - sigma theta) / (2 mu))^2, floored to an integer. This is Algorithm 1 line 5,
/// b = floor((eta - L0) / mu), with its safety buffer L0 = eta - (theta sigma_S + mu_S) evaluated at that b (line 1).
/// </summary>
/// <remarks>
/// Choices where the paper leaves room (README, "Dynamic batching"): the running statistics are those of the requests
/// this replica has completed (prompt and generated output; an online scheduler knows no output length before the
/// end), with sample variances (0 below two requests); until the first completion b stays at its start value B_max.
/// eta is the replica's KV cache in tokens (blocks * block size). The update runs only when the last iteration left
/// both decoding sequences (N^d &gt; 0) and requests needing prefill (N^p &gt; 0: waiting or prefilling), Algorithm 1
/// line 4; otherwise b keeps its previous value (line 3). Line 6 clamps: b = min(max(b, N^d), B_max).
/// </remarks>
public sealed class MemoryAwareBatchSize
{
    // Exact integer sums: the statistics do not depend on the order in which completions are observed.
    private long _count;
    private long _promptSum;
    private long _outputSum;
    private double _promptSquares;
    private double _outputSquares;
    private readonly double _theta;

    /// <summary>Creates the rule for a replica holding <paramref name="kvTokens"/> tokens (eta).</summary>
    public MemoryAwareBatchSize(long kvTokens, double memoryEpsilon, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kvTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (memoryEpsilon is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(memoryEpsilon), memoryEpsilon, "must be in (0, 1)");
        }

        Eta = kvTokens;
        MaxBatch = maxBatch;
        _theta = Normal.InvCDF(0, 1, 1 - memoryEpsilon);
        Current = maxBatch;
    }

    /// <summary>eta: the KV budget in tokens.</summary>
    public long Eta { get; }

    /// <summary>B_max.</summary>
    public int MaxBatch { get; }

    /// <summary>theta = Phi^-1(1 - epsilon_M).</summary>
    public double Theta => _theta;

    /// <summary>b_mem after the last <see cref="Update"/>.</summary>
    public int Current { get; private set; }

    /// <summary>Requests in the running statistics.</summary>
    public long Samples => _count;

    /// <summary>Adds a completed request's prompt and output lengths to the running statistics.</summary>
    public void Observe(int prompt, int output)
    {
        _count++;
        _promptSum += prompt;
        _outputSum += output;
        _promptSquares += (double)prompt * prompt;
        _outputSquares += (double)output * output;
    }

    /// <summary>
    /// Eq. (12) with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/> of l_in + l_out,
    /// budget <paramref name="eta"/> tokens and <paramref name="theta"/>, before clamping (at least 0).
    /// </summary>
    public static long Bound(double mu, double sigma, double eta, double theta)
    {
        if (mu <= 0)
        {
            return long.MaxValue;
        }

        double st = sigma * theta;
        double x = (Math.Sqrt(st * st + 4 * mu * eta) - st) / (2 * mu);
        return x <= 0 ? 0 : (long)Math.Floor(x * x);
    }

    /// <summary>
    /// Algorithm 1 after an iteration that left <paramref name="decoding"/> decoding sequences and <paramref name="prefillPending"/> requests needing prefill;
    /// returns b_mem.
    /// </summary>
    public int Update(int decoding, int prefillPending)
    {
        if (decoding > 0 && prefillPending > 0 && _count > 0)
        {
            double mu = (double)(_promptSum + _outputSum) / _count;
            double variance = _count >= 2 ? SampleVariance(_promptSum, _promptSquares) + SampleVariance(_outputSum, _outputSquares) : 0.0;
            long b = Bound(mu, Math.Sqrt(variance), Eta, _theta);
            Current = (int)Math.Min(Math.Max(b, decoding), MaxBatch);
        }

        return Current;
    }

    private double SampleVariance(long sum, double squares) => Math.Max(0.0, (squares - (double)sum * sum / _count) / (_count - 1));
}
