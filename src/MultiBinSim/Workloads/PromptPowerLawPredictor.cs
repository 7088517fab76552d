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
        var prompt = input.PromptTokens;
        var noise = LogNormalNoise.Draw(unchecked((uint)seed), prompt.Length, 0.0, NoiseSigma);
        var powers = PowerTable(prompt);
        for (int i = 0; i < prompt.Length; i++)
        {
            // Same operation order as the original: (prompt ** 0.7) * 1.5, then times the noise factor.
            double basePrediction = (powers is null ? Math.Pow(prompt[i], Exponent) : powers[prompt[i]]) * Scale;
            double prediction = basePrediction * noise[i];
            destination[i] = (int)Math.Clamp(Math.Truncate(prediction), 1, MaxPrediction);
        }
    }

    public IPredictionStream Stream(int seed) => new Chunks(new NumpyLegacyRandom(unchecked((uint)seed)));

    /// <summary>One <see cref="NumpyLegacyRandom.NextLogNormal"/> per row: the factors <see cref="LogNormalNoise.Draw"/> computes.</summary>
    private sealed class Chunks(NumpyLegacyRandom rng) : IPredictionStream
    {
        private double[] _powers = [];

        public void Predict(in PredictionInput input, Span<int> destination)
        {
            var prompt = input.PromptTokens;
            for (int i = 0; i < prompt.Length; i++)
            {
                double basePrediction = Power(prompt[i]) * Scale;
                double prediction = basePrediction * rng.NextLogNormal(0.0, NoiseSigma);
                destination[i] = (int)Math.Clamp(Math.Truncate(prediction), 1, MaxPrediction);
            }
        }

        /// <summary>prompt^0.7, from a table grown to the longest prompt seen (at most 2^20 entries; Math.Pow beyond).</summary>
        private double Power(int p)
        {
            if ((uint)p < (uint)_powers.Length)
            {
                return _powers[p];
            }

            if (p < 0 || p > 1 << 20)
            {
                return Math.Pow(p, Exponent);
            }

            int start = _powers.Length;
            Array.Resize(ref _powers, Math.Min(1 << 20, Math.Max(p + 1, 2 * start)) + 1);
            for (int q = start; q < _powers.Length; q++)
            {
                _powers[q] = Math.Pow(q, Exponent);
            }

            return _powers[p];
        }
    }

    /// <summary>prompt^0.7 for every prompt length up to the longest (the same Math.Pow values, computed once per
    /// length instead of once per request), or null when the longest prompt would make the table too large.</summary>
    private static double[]? PowerTable(ReadOnlySpan<int> prompt)
    {
        int longest = 0,
            shortest = 0;
        foreach (int p in prompt)
        {
            longest = Math.Max(longest, p);
            shortest = Math.Min(shortest, p);
        }

        if (shortest < 0 || longest > 1 << 20 || longest >= prompt.Length * 4)
        {
            return null;
        }

        var table = new double[longest + 1];
        for (int p = 0; p <= longest; p++)
        {
            table[p] = Math.Pow(p, Exponent);
        }

        return table;
    }
}
