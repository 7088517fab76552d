namespace MultiBinSim.Workloads;

/// <summary>Creates output-length predictors by their command-line name.</summary>
public static class Predictors
{
    public const string Default = "prompt-power-law";

    public static IReadOnlyList<string> Names { get; } = ["prompt-power-law", "oracle", "noisy-oracle", "column"];

    public static IOutputLengthPredictor Create(string name, double noiseSigma = 0.25) =>
        name switch
        {
            "prompt-power-law" => new PromptPowerLawPredictor(),
            "oracle" => new OraclePredictor(),
            "noisy-oracle" => new NoisyOraclePredictor(noiseSigma),
            "column" => new ColumnPredictor(),
            _ => throw new Errors.ConfigurationException(nameof(WorkloadOptions.Predictor), $"unknown predictor '{name}'; known: {string.Join(", ", Names)}"),
        };
}
