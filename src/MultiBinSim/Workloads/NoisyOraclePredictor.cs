namespace MultiBinSim.Workloads;

/// <summary>
/// The true output length times log-normal noise: floor(output * e^Z), Z ~ Normal(0, sigma^2).
/// sigma = 0 is the oracle; larger sigma models a worse length predictor.
/// </summary>
public sealed class NoisyOraclePredictor : IOutputLengthPredictor
{
    public NoisyOraclePredictor(double sigma)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "--predictor-sigma must be a finite number >= 0.");
        }

        Sigma = sigma;
    }

    public double Sigma { get; }

    public string Name => "noisy-oracle";

    public void Predict(in PredictionInput input, Span<int> destination, int seed)
    {
        var output = input.OutputTokens;
        var noise = LogNormalNoise.Draw(unchecked((uint)seed), output.Length, 0.0, Sigma);
        for (int i = 0; i < output.Length; i++)
        {
            double noisy = output[i] * noise[i];
            destination[i] = (int)Math.Min(Math.Truncate(noisy), int.MaxValue);
        }
    }

    public IPredictionStream Stream(int seed) => new Chunks(Sigma, new NumpyLegacyRandom(unchecked((uint)seed)));

    /// <summary>One <see cref="NumpyLegacyRandom.NextLogNormal"/> per row: the factors <see cref="LogNormalNoise.Draw"/> computes.</summary>
    private sealed class Chunks(double sigma, NumpyLegacyRandom rng) : IPredictionStream
    {
        public void Predict(in PredictionInput input, Span<int> destination)
        {
            var output = input.OutputTokens;
            for (int i = 0; i < output.Length; i++)
            {
                double noisy = output[i] * rng.NextLogNormal(0.0, sigma);
                destination[i] = (int)Math.Min(Math.Truncate(noisy), int.MaxValue);
            }
        }
    }
}
