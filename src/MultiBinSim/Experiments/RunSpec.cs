using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>One single simulation as a researcher describes it on the command line.</summary>
public sealed record RunSpec
{
    /// <summary>"synthetic" or a path to a BurstGPT-format CSV.</summary>
    public string Dataset { get; init; } = Datasets.Synthetic;

    /// <summary>Trace file format (auto-detected by default).</summary>
    public TraceFormat Format { get; init; } = TraceFormat.Auto;

    public WorkloadOptions Workload { get; init; } = new() { Requests = 1_000_000 };

    public SimulationConfig Simulation { get; init; } = new();

    /// <summary>Calibration grid CSV to fit the latency model from; null = the default grid.</summary>
    public string? CalibrationPath { get; init; }
}
