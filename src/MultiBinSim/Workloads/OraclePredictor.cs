namespace MultiBinSim.Workloads;

/// <summary>Perfect knowledge: the prediction is the true output length.</summary>
public sealed class OraclePredictor : IOutputLengthPredictor
{
    public string Name => "oracle";

    public void Predict(in PredictionInput input, Span<int> destination, int seed) => input.OutputTokens.CopyTo(destination);

    public IPredictionStream Stream(int seed) => new Chunks();

    private sealed class Chunks : IPredictionStream
    {
        public void Predict(in PredictionInput input, Span<int> destination) => input.OutputTokens.CopyTo(destination);
    }
}
