namespace MultiBinSim.Scheduling;

/// <summary>
/// Running length statistics that feed b_mem. The original simulator's heuristic uses exponential moving averages with
/// weight 0.2 on each completed batch's mean, starting at 300 prompt and 200 output tokens; the paper's algorithm uses
/// the running mean and variance over every completed request (Welford), kept here too.
/// </summary>
public sealed class BatchStatistics
{
    public const double Weight = 0.2;
    public const double InitialPromptTokens = 300.0;
    public const double InitialOutputTokens = 200.0;

    public double AveragePromptTokens { get; private set; } = InitialPromptTokens;

    public double AverageOutputTokens { get; private set; } = InitialOutputTokens;

    /// <summary>Requests seen by the running (Welford) statistics.</summary>
    public long Requests { get; private set; }

    private double _promptMean,
        _promptM2,
        _outputMean,
        _outputM2;

    /// <summary>Running mean of prompt + output tokens over completed requests (the EMA start values before any).</summary>
    public double MeanTokens => Requests > 0 ? _promptMean + _outputMean : InitialPromptTokens + InitialOutputTokens;

    /// <summary>Var(prompt) + Var(output) over completed requests (0 before two).</summary>
    public double TokenVariance => Requests > 1 ? (_promptM2 + _outputM2) / (Requests - 1) : 0.0;

    /// <summary>Adds one completed request to the running mean and variance.</summary>
    public void AddRequest(int prompt, int output)
    {
        Requests++;
        double dp = prompt - _promptMean;
        _promptMean += dp / Requests;
        _promptM2 += dp * (prompt - _promptMean);
        double d0 = output - _outputMean;
        _outputMean += d0 / Requests;
        _outputM2 += d0 * (output - _outputMean);
    }

    public void Update(double batchMeanPrompt, double batchMeanOutput)
    {
        AveragePromptTokens = Weight * batchMeanPrompt + (1 - Weight) * AveragePromptTokens;
        AverageOutputTokens = Weight * batchMeanOutput + (1 - Weight) * AverageOutputTokens;
    }
}
