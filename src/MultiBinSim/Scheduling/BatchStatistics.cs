namespace MultiBinSim.Scheduling;

/// <summary>
/// Running averages of prompt and output length that feed b_mem: exponential moving averages with weight 0.2 on each
/// completed batch's mean, starting at 300 prompt and 200 output tokens (the original simulator's values).
/// </summary>
public sealed class BatchStatistics
{
    public const double Weight = 0.2;
    public const double InitialPromptTokens = 300.0;
    public const double InitialOutputTokens = 200.0;

    public double AveragePromptTokens { get; private set; } = InitialPromptTokens;

    public double AverageOutputTokens { get; private set; } = InitialOutputTokens;

    public void Update(double batchMeanPrompt, double batchMeanOutput)
    {
        AveragePromptTokens = Weight * batchMeanPrompt + (1 - Weight) * AveragePromptTokens;
        AverageOutputTokens = Weight * batchMeanOutput + (1 - Weight) * AverageOutputTokens;
    }
}
