namespace MultiBinSim.Workloads;

/// <summary>The columns a predictor may look at, for a run of rows in file order.</summary>
public readonly ref struct PredictionInput
{
    public PredictionInput(ReadOnlySpan<int> promptTokens, ReadOnlySpan<int> outputTokens, ReadOnlySpan<int> predictedColumn, bool hasPredictedColumn)
    {
        PromptTokens = promptTokens;
        OutputTokens = outputTokens;
        PredictedColumn = predictedColumn;
        HasPredictedColumn = hasPredictedColumn;
    }

    public ReadOnlySpan<int> PromptTokens { get; }
    public ReadOnlySpan<int> OutputTokens { get; }
    public ReadOnlySpan<int> PredictedColumn { get; }
    public bool HasPredictedColumn { get; }
}

/// <summary>
/// Predicts each request's output length. Predictions only choose bins; the simulator knows true lengths.
/// Implementations draw any noise from a generator seeded by <c>seed</c>, one draw per row in row order,
/// so the predictions of the first N rows never depend on rows after N (the prefix property).
/// </summary>
public interface IOutputLengthPredictor
{
    /// <summary>The name used on the command line and in result rows.</summary>
    string Name { get; }

    void Predict(in PredictionInput input, Span<int> destination, int seed);

    /// <summary>The same predictions a chunk at a time (a streamed workload): see <see cref="IPredictionStream"/>.</summary>
    IPredictionStream Stream(int seed);
}
