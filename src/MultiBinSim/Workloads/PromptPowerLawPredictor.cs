namespace MultiBinSim.Workloads;

/// <summary>
/// The original Python simulator's predictor: clamp(floor(prompt^0.7 * 1.5 * e^Z), 1, 4096), Z ~ Normal(0, 0.1^2),
/// with Z drawn from a NumPy-compatible generator seeded by the run seed (one draw per row, in row order).
/// </summary>
public sealed class PromptPowerLawPredictor : IOutputLengthPredictor
{
    public const double Exponent = 0.7;
    public const double Scale = 1.5;
    public const double NoiseSigma = 0.1;
    public const int MaxPrediction = 4096;

    public string Name => "prompt-power-law";

    public void Predict(in PredictionInput input, Span<int> destination, int seed)
    {
        var rng = new NumpyLegacyRandom(unchecked((uint)seed));
        var prompt = input.PromptTokens;
        for (int i = 0; i < prompt.Length; i++)
        {
            // Same operation order as the original: (prompt ** 0.7) * 1.5, then times the noise factor.
            double basePrediction = Math.Pow(prompt[i], Exponent) * Scale;
            double prediction = basePrediction * rng.NextLogNormal(0.0, NoiseSigma);
            destination[i] = (int)Math.Clamp(Math.Truncate(prediction), 1, MaxPrediction);
        }
    }
}
