namespace MultiBinSim.Scheduling;

/// <summary>
/// GPU memory as the papers model it: the model's weights plus a KV cache that grows linearly with the tokens
/// (prompt + output) of the batch, which must stay within total memory minus a safety margin.
/// </summary>
public readonly record struct GpuMemoryModel(double GpuMemoryGb, double ModelMemoryGb, double KvCacheGbPerToken, double MarginGb)
{
    public static GpuMemoryModel Default { get; } = new(12.0, 2.0, 5e-6, 1.0);

    /// <summary>eta: KV-cache token capacity, (GPU memory - model memory) / KV per token.</summary>
    public double TokenCapacity => (GpuMemoryGb - ModelMemoryGb) / KvCacheGbPerToken;

    /// <summary>Whether a batch holding <paramref name="totalTokens"/> tokens fits (same expression as the original simulator).</summary>
    public bool Fits(long totalTokens) => ModelMemoryGb + KvCacheGbPerToken * totalTokens <= GpuMemoryGb - MarginGb;

    /// <summary>
    /// Algorithm 1 of arXiv 2503.05248 as the original simulator applies it:
    /// b_mem = floor((eta - L0) / (avg prompt + avg output)), L0 = 0.1 eta, clamped to [1, bMax].
    /// </summary>
    public int MemoryBatchSize(double averagePromptTokens, double averageOutputTokens, int bMax)
    {
        double eta = TokenCapacity;
        double averageTokens = averagePromptTokens + averageOutputTokens;
        double l0 = 0.1 * eta;
        if (!(averageTokens > 0))
        {
            return bMax;
        }

        double raw = Math.Truncate((eta - l0) / averageTokens);
        return raw >= bMax ? bMax : Math.Max(1, (int)raw);
    }

    /// <summary>
    /// Algorithm 1 of arXiv 2503.05248: with S the total tokens of b requests, mu_S = b mu and sigma_S^2 = b sigma^2,
    /// b_mem is the largest b with b mu + theta sqrt(b) sigma &lt;= eta. In x = sqrt(b) that is the quadratic
    /// mu x^2 + theta sigma x - eta &lt;= 0, whose positive root gives b = floor(x^2). Clamped to [1, bMax].
    /// </summary>
    public int PaperMemoryBatchSize(double meanTokens, double tokenVariance, double theta, int bMax)
    {
        double eta = TokenCapacity,
            sigma = Math.Sqrt(Math.Max(0, tokenVariance));
        if (!(meanTokens > 0))
        {
            return bMax;
        }

        double x = (-theta * sigma + Math.Sqrt(theta * theta * sigma * sigma + 4 * meanTokens * eta)) / (2 * meanTokens);
        double b = Math.Floor(x * x);
        return b >= bMax ? bMax : Math.Max(1, (int)b);
    }

    /// <summary>Adds every invalid value to <paramref name="errors"/>, keyed by property.</summary>
    public void Validate(Errors.ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(GpuMemoryGb > 0 && double.IsFinite(GpuMemoryGb), nameof(GpuMemoryGb), $"must be a finite number of GB > 0 (got {GpuMemoryGb})");
        errors.Require(
            ModelMemoryGb >= 0 && double.IsFinite(ModelMemoryGb),
            nameof(ModelMemoryGb),
            $"must be a finite number of GB >= 0 (got {ModelMemoryGb})"
        );
        errors.Require(
            KvCacheGbPerToken > 0 && double.IsFinite(KvCacheGbPerToken),
            nameof(KvCacheGbPerToken),
            $"must be a finite number of GB > 0 (got {KvCacheGbPerToken})"
        );
        errors.Require(MarginGb >= 0 && double.IsFinite(MarginGb), nameof(MarginGb), $"must be a finite number of GB >= 0 (got {MarginGb})");
        errors.Require(
            !(ModelMemoryGb >= GpuMemoryGb - MarginGb),
            nameof(ModelMemoryGb),
            $"({ModelMemoryGb} GB) leaves no room for a KV cache in {GpuMemoryGb} GB minus a {MarginGb} GB margin"
        );
    }

    /// <summary>Throws a <see cref="Errors.ConfigurationException"/> with every invalid value.</summary>
    public void Validate()
    {
        var errors = new Errors.ValidationErrors();
        Validate(errors);
        errors.ThrowIfAny();
    }
}
