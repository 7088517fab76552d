using MultiBinSim.Latency;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>The outcome of <see cref="SingleRun.Execute"/>: what ran, on what, and what came out.</summary>
public sealed record SingleRunOutcome(RunSpec Spec, Workload Workload, LatencyFit Latency, SimulationResult Result)
{
    /// <summary>The run as its engine describes it (<see cref="ISimulationEngine.WriteRunJson"/>, <see cref="ISimulationEngine.RunTableRows"/>).</summary>
    public CompletedRun Completed => new(Spec.Simulation, Spec.Workload, Workload, Latency, Result);

    /// <summary>The engine that ran it.</summary>
    public ISimulationEngine Engine => SimulationEngines.Get(Spec.Simulation.Engine);
}

/// <summary>Loads the dataset, fits the latency model, builds the workload and simulates it: `mbsim run` in one call.</summary>
public static class SingleRun
{
    public static SingleRunOutcome Execute(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        // The fit and the workload do not depend on each other: the fit runs on the second core.
        var (fit, workload) = SideBySide.Run(
            () => LatencyFit.FromCalibration(spec.CalibrationPath),
            () => WorkloadBuilder.Build(Datasets.Load(spec.Workload.Dataset, spec.Workload.DropFailed ? null : spec.Workload.Requests, spec.Workload.Format), spec.Workload));
        var result = SimulationEngines.Run(workload, spec.Simulation with { Latency = fit.Model });
        return new SingleRunOutcome(spec, workload, fit, result);
    }
}
