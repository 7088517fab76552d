using MultiBinSim.Errors;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>One single simulation as a researcher describes it on the command line or in a notebook.</summary>
public sealed record RunSpec
{
    /// <summary>The workload: dataset, format, first N rows, arrivals, predictor, seed.</summary>
    public WorkloadOptions Workload { get; init; } = new() { Requests = 1_000_000 };

    /// <summary>Engine, GPUs, scheduler and its parameters (the latency model is fitted from <see cref="CalibrationPath"/>).</summary>
    public SimulationConfig Simulation { get; init; } = new();

    /// <summary>Calibration grid CSV to fit the latency model from; null = the default grid.</summary>
    public string? CalibrationPath { get; init; }

    /// <summary>Throws a <see cref="ConfigurationException"/> with every invalid value, keyed by property path.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        errors.Nested(nameof(Workload), Workload.Validate);
        errors.Nested(nameof(Simulation), Simulation.Validate);
        errors.ThrowIfAny();
    }
}
