using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation;

/// <summary>
/// A simulation engine: a pure function from (workload, configuration) to a result. Engines are registered in
/// <see cref="SimulationEngines"/> and selected by <see cref="SimulationConfig.Engine"/>.
/// </summary>
public interface ISimulationEngine
{
    /// <summary>The name used in configurations, result rows and on the command line ("batch", "continuous").</summary>
    string Name { get; }

    /// <summary>One line for help texts and documentation.</summary>
    string Description { get; }

    /// <param name="workload">The requests (never modified).</param>
    /// <param name="config">The validated run configuration.</param>
    /// <param name="recordTimeline">Keep per-request times; sweeps that only need the metrics row turn it off.</param>
    SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline);
}
