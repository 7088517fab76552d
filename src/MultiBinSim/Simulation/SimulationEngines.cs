using MultiBinSim.Errors;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation;

/// <summary>
/// The registry of simulation engines. Adding an engine is one new <see cref="ISimulationEngine"/> class plus one line
/// in <see cref="All"/>.
/// </summary>
public static class SimulationEngines
{
    /// <summary>Every engine, the default first.</summary>
    public static IReadOnlyList<ISimulationEngine> All { get; } = [new BatchEngine(), new Continuous.ContinuousEngine()];

    public static string Default => All[0].Name;

    public static IReadOnlyList<string> Names { get; } = All.Select(e => e.Name).ToArray();

    /// <summary>The engine named <paramref name="name"/>; a <see cref="ConfigurationException"/> on <c>Engine</c> otherwise.</summary>
    public static ISimulationEngine Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new ConfigurationException(nameof(SimulationConfig.Engine), $"unknown engine '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>Validates <paramref name="config"/> and runs it on the engine it names.</summary>
    /// <param name="workload">The requests.</param>
    /// <param name="config">The run.</param>
    /// <param name="recordTimeline">Keep per-request times.</param>
    /// <param name="monitors">Progress reports (<see cref="ISimulationEngine.Run(Workload, SimulationConfig, bool, RunMonitors)"/>); null = none.</param>
    public static SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline = true, RunMonitors? monitors = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var engine = Get(config.Engine);
        return monitors?.Progress is null ? engine.Run(workload, config, recordTimeline) : engine.Run(workload, config, recordTimeline, monitors);
    }
}
