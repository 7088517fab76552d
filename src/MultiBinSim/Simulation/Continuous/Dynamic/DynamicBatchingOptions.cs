using System.Text.Json.Serialization;
using MultiBinSim.Errors;

namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>
/// Parameters of memory-aware and SLA-constrained dynamic batching (Pang et al., arXiv 2503.05248, Algorithms 1 and 2).
/// The paper names alpha, delta, epsilon_D, epsilon_M, B_min and B_max but publishes no values; the defaults are those
/// of the seed simulator (TravisLeeTS/llm-scheduler-sim: alpha 4, delta 2, a 5 ms band, B_min 1) and a 5 % memory bound.
/// D_SLA is <see cref="ContinuousOptions.SloTpot"/>.
/// </summary>
public sealed record DynamicBatchingOptions
{
    /// <summary>epsilon_M of constraint (2): the allowed probability that the batch's tokens exceed the KV budget.</summary>
    public double MemoryEpsilon { get; init; } = 0.05;

    /// <summary>epsilon_D of constraint (3) and Algorithm 2 lines 5 and 8, seconds: the band around D_SLA.</summary>
    public double SlaEpsilon { get; init; } = 0.005;

    /// <summary>alpha of Algorithm 2 (lines 6, 9, 12, 13): the least gap kept between the moved bound and the other one.</summary>
    public int Alpha { get; init; } = 4;

    /// <summary>delta of Algorithm 2 (lines 7 and 10): how far the far bound relaxes on each out-of-band step.</summary>
    public int Delta { get; init; } = 2;

    /// <summary>B_min of Algorithm 2: the hard lower bound of the batch size.</summary>
    public int MinBatch { get; init; } = 1;

    /// <summary>B_max of Algorithms 1 and 2: the hard upper bound; null = <see cref="ContinuousOptions.MaxNumSeqs"/>.</summary>
    public int? MaxBatch { get; init; }

    /// <summary>
    /// paper: Algorithm 2 as published (default); guarded: its b_SLA further capped by the largest batch the last decode
    /// step predicts to meet D_SLA (<see cref="SlaBatchSizeSearch"/>, README "Dynamic batching"). Left out of the canonical
    /// configuration (test keys, engine_options fingerprints) at its default, so every key from before the option existed
    /// stays the same; guarded enters them.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SlaSearchMode SlaSearch { get; init; } = SlaSearchMode.Paper;

    /// <summary>B_max in effect with <paramref name="maxNumSeqs"/>.</summary>
    public int ResolveMaxBatch(int maxNumSeqs) => MaxBatch ?? maxNumSeqs;

    /// <summary>Records every invalid value in <paramref name="errors"/> (names relative to this record).</summary>
    public void Validate(ValidationErrors errors, int maxNumSeqs)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(MemoryEpsilon is > 0 and < 1, nameof(MemoryEpsilon), $"must be between 0 and 1, exclusive (got {MemoryEpsilon})");
        errors.Require(SlaEpsilon >= 0 && double.IsFinite(SlaEpsilon), nameof(SlaEpsilon), $"must be a finite number >= 0 seconds (got {SlaEpsilon})");
        errors.Require(Alpha >= 0, nameof(Alpha), $"must be >= 0 (got {Alpha})");
        errors.Require(Delta >= 0, nameof(Delta), $"must be >= 0 (got {Delta})");
        errors.Require(Enum.IsDefined(SlaSearch), nameof(SlaSearch), $"must be one of {string.Join(", ", EnumNames.All<SlaSearchMode>())} (got {SlaSearch})");
        errors.Require(MinBatch >= 1, nameof(MinBatch), $"must be at least 1 (got {MinBatch})");
        errors.Require(MaxBatch is null or >= 1, nameof(MaxBatch), $"must be at least 1 (got {MaxBatch})");
        // With MaxBatch unset, B_max is MaxNumSeqs; an invalid MaxNumSeqs is reported under its own name only.
        errors.Require(
            MaxBatch is null ? maxNumSeqs < 1 || maxNumSeqs >= MinBatch : MaxBatch < 1 || MaxBatch >= MinBatch,
            nameof(MaxBatch),
            $"B_max must be at least MinBatch = {MinBatch} (got {ResolveMaxBatch(maxNumSeqs)}{(MaxBatch is null ? ", from MaxNumSeqs" : "")})"
        );
    }
}
