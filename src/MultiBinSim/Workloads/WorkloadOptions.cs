using System.Text.Json.Serialization;
using MultiBinSim.Errors;

namespace MultiBinSim.Workloads;

/// <summary>
/// The workload of a run, as every command and notebook describes it: which trace (<see cref="Dataset"/>,
/// <see cref="Format"/>), how many rows, how arrivals are scaled, and how output lengths are predicted. Run, suite,
/// capacity search and sweeps all take this one record.
/// </summary>
public sealed record WorkloadOptions
{
    public const double DefaultRpsScaling = 200.0;

    /// <summary>"synthetic" (the embedded default trace) or the path of a trace file. Not part of test keys: the
    /// dataset's SHA-256 is, so a moved file keeps its stored results.</summary>
    [JsonIgnore]
    public string Dataset { get; init; } = Datasets.Synthetic;

    /// <summary>Trace file format (auto-detected by default).</summary>
    public TraceFormat Format { get; init; } = TraceFormat.Auto;

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

    /// <summary>Groups of the shared-prefix model when <see cref="PrefixShare"/> is set and this is not.</summary>
    public const int DefaultPrefixGroups = 16;

    /// <summary>
    /// The shared-prefix model (README, "Prefix caching"): each request shares the first floor(F x prompt) tokens with
    /// the other requests of its group (one of <see cref="PrefixGroups"/>, drawn seeded); null = off (a trace's own
    /// hashes, if any, are used). Omitted from canonical configurations when null, so test keys are unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PrefixShare { get; init; }

    /// <summary>Groups of the shared-prefix model (default <see cref="DefaultPrefixGroups"/>); needs <see cref="PrefixShare"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PrefixGroups { get; init; }

    /// <summary>Adds every invalid value to <paramref name="errors"/>, keyed by property.</summary>
    public void Validate(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(!string.IsNullOrWhiteSpace(Dataset), nameof(Dataset), "must be 'synthetic' or the path of a trace file");
        errors.Require(Requests is null or >= 1, nameof(Requests), $"must be at least 1 (got {Requests})");
        errors.Require(
            RealTimestamps || (RpsScaling > 0 && double.IsFinite(RpsScaling)),
            nameof(RpsScaling),
            $"must be a finite number > 0 (got {RpsScaling})"
        );
        errors.Require(
            Predictors.Names.Contains(Predictor),
            nameof(Predictor),
            $"unknown predictor '{Predictor}'; known: {string.Join(", ", Predictors.Names)}"
        );
        errors.Require(PrefixShare is null or (>= 0 and <= 1), nameof(PrefixShare), $"must be between 0 and 1 (got {PrefixShare})");
        errors.Require(PrefixGroups is null or >= 1, nameof(PrefixGroups), $"must be at least 1 (got {PrefixGroups})");
        errors.Require(PrefixGroups is null || PrefixShare is not null, nameof(PrefixGroups), "needs a prefix share");
        errors.Require(PredictorSigma >= 0 && double.IsFinite(PredictorSigma), nameof(PredictorSigma), $"must be a finite number >= 0 (got {PredictorSigma})");
    }

    /// <summary>Throws a <see cref="ConfigurationException"/> with every invalid value.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        Validate(errors);
        errors.ThrowIfAny();
    }
}
