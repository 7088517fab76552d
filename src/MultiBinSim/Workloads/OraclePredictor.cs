namespace MultiBinSim.Workloads;

/// <summary>Perfect knowledge: the prediction is the true output length.</summary>
public sealed class OraclePredictor : IOutputLengthPredictor
{
    public string Name => "oracle";

    public void Predict(in PredictionInput input, Span<int> destination, int seed) => input.OutputTokens.CopyTo(destination);
}
