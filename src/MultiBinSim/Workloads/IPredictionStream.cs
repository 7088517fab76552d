namespace MultiBinSim.Workloads;

/// <summary>
/// A predictor's state across the chunks of a streamed workload (<see cref="IOutputLengthPredictor.Stream"/>): the
/// predictions of consecutive chunks are, bit for bit, those of one <see cref="IOutputLengthPredictor.Predict"/> call
/// over their concatenation with the same seed (the noise generator carries on where the last chunk stopped).
/// </summary>
public interface IPredictionStream
{
    /// <summary>Predicts the next rows (file order), continuing the row sequence of earlier calls.</summary>
    void Predict(in PredictionInput input, Span<int> destination);
}
