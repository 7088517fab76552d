namespace MultiBinSim.Workloads;

/// <summary>How a <see cref="Trace"/> becomes a <see cref="Workload"/>.</summary>
public sealed record WorkloadOptions
{
    public const double DefaultRpsScaling = 200.0;

    /// <summary>Take the first N rows (after dropping failed rows, if asked); null = all rows.</summary>
    public int? Requests { get; init; }

    /// <summary>Arrival = (timestamp - first timestamp) / RpsScaling, unless <see cref="RealTimestamps"/>.</summary>
    public double RpsScaling { get; init; } = DefaultRpsScaling;

    public bool RealTimestamps { get; init; }

    /// <summary>Drop rows with 0 response tokens (failed requests). Off by default, as in the original simulator.</summary>
    public bool DropFailed { get; init; }

    public string Predictor { get; init; } = Predictors.Default;

    /// <summary>Noise sigma of the noisy-oracle predictor.</summary>
    public double PredictorSigma { get; init; } = 0.25;

    /// <summary>Seeds the predictor's noise (one draw per row, in row order).</summary>
    public int Seed { get; init; } = 42;

    public void Validate()
    {
        if (Requests is < 1)
        {
            throw new ArgumentException($"--requests must be at least 1 (got {Requests}).");
        }

        if (!RealTimestamps && !(RpsScaling > 0 && double.IsFinite(RpsScaling)))
        {
            throw new ArgumentException($"--rps-scaling must be a finite number > 0 (got {RpsScaling}).");
        }
    }
}
