namespace MultiBinSim.Workloads;

/// <summary>Uses the trace's own "Predicted tokens" column (e.g. predictions made by an external model).</summary>
public sealed class ColumnPredictor : IOutputLengthPredictor
{
    public string Name => "column";

    public IPredictionStream Stream(int seed) => new Chunks(this);

    private sealed class Chunks(ColumnPredictor predictor) : IPredictionStream
    {
        public void Predict(in PredictionInput input, Span<int> destination) => predictor.Predict(input, destination, 0);
    }

    public void Predict(in PredictionInput input, Span<int> destination, int seed)
    {
        if (!input.HasPredictedColumn)
        {
            throw new Errors.ConfigurationException(
                nameof(WorkloadOptions.Predictor),
                $"'column' needs a '{BurstGptReader.PredictedColumn}' column (Azure: PredictedTokens, Mooncake: predicted_length), and this dataset has none"
            );
        }

        input.PredictedColumn.CopyTo(destination);
    }
}
