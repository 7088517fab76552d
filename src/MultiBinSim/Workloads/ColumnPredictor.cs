namespace MultiBinSim.Workloads;

/// <summary>Uses the trace's own "Predicted tokens" column (e.g. predictions made by an external model).</summary>
public sealed class ColumnPredictor : IOutputLengthPredictor
{
    public string Name => "column";

    public void Predict(in PredictionInput input, Span<int> destination, int seed)
    {
        if (!input.HasPredictedColumn)
        {
            throw new InvalidOperationException(
                $"--predictor column needs a '{BurstGptReader.PredictedColumn}' column, and this dataset has none.");
        }

        input.PredictedColumn.CopyTo(destination);
    }
}
