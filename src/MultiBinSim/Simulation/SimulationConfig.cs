using System.Text.Json.Serialization;
using MultiBinSim.Errors;
using MultiBinSim.Latency;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Batch;

namespace MultiBinSim.Simulation;

/// <summary>Everything one run needs besides the workload.</summary>
public sealed record SimulationConfig
{
    public const int MaxGpus = 100_000;

    /// <summary>The engine that runs this configuration (see <see cref="SimulationEngines"/>).</summary>
    public string Engine { get; init; } = BatchEngine.EngineName;

    public int Gpus { get; init; } = 1;

    public SchedulerOptions Scheduler { get; init; } = new();

    public LatencyModel Latency { get; init; } = LatencyModel.Default;

    /// <summary>Precomputed bin boundaries (the suite caches them); null = compute from the workload's predictions.</summary>
    public BinBoundaries? Boundaries { get; init; }

    /// <summary>
    /// How request metrics are computed (<see cref="MetricsModes"/>); null = <see cref="MetricsMode.Auto"/>: exact up to
    /// <see cref="MetricsModes.StreamingThreshold"/> requests. Omitted from canonical configurations when null, so test
    /// keys are unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricsMode? MetricsMode { get; init; }

    /// <summary>The continuous-batching engine's options (used and validated only when <see cref="Engine"/> is "continuous").</summary>
    public MultiBinSim.Simulation.Continuous.ContinuousOptions Continuous { get; init; } = new();

    /// <summary>Adds every invalid value to <paramref name="errors"/>, keyed by property path (<c>Scheduler.K</c>).</summary>
    public void Validate(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(
            SimulationEngines.Names.Contains(Engine),
            nameof(Engine),
            $"unknown engine '{Engine}'; known: {string.Join(", ", SimulationEngines.Names)}"
        );
        errors.Require(Gpus is >= 1 and <= MaxGpus, nameof(Gpus), $"must be between 1 and {MaxGpus} (got {Gpus})");
        errors.Nested(nameof(Scheduler), Scheduler.Validate);
        errors.Require(Latency.Alpha >= 0 && Latency.Beta >= 0 && Latency.Gamma >= 0, nameof(Latency), $"parameters must be >= 0 ({Latency})");
        if (SimulationEngines.Names.Contains(Engine))
        {
            SimulationEngines.Get(Engine).Validate(this, errors);
        }
    }

    /// <summary>Throws a <see cref="ConfigurationException"/> with every invalid value.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        Validate(errors);
        errors.ThrowIfAny();
    }
}
