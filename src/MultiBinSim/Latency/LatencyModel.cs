namespace MultiBinSim.Latency;

/// <summary>
/// Batch service time t(b, L) = alpha + beta * L * (1 + gamma * (b - 1) / b), floored at 1 ms,
/// where b is the batch size and L the longest sequence (prompt + output tokens) in the batch:
/// a batch runs as long as its longest request, and larger batches pay a bounded per-token overhead (gamma).
/// </summary>
public readonly record struct LatencyModel(double Alpha, double Beta, double Gamma)
{
    public const double MinimumServiceTime = 0.001;

    /// <summary>The original simulator's Qwen3-1.7B / RTX 4080 calibration (the default grid in data/calibration).</summary>
    public static LatencyModel Default { get; } = new(0.015, 0.0003, 0.4);

    public double ServiceTime(int batchSize, int maxSequenceLength)
    {
        double b = batchSize;
        double t = Alpha + Beta * maxSequenceLength * (1.0 + Gamma * (b - 1.0) / b);
        return t < MinimumServiceTime ? MinimumServiceTime : t;
    }

    public override string ToString() => $"alpha={Alpha:G6}s beta={Beta:G6}s/token gamma={Gamma:G6}";
}
