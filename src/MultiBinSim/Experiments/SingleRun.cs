using MultiBinSim.Latency;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>The outcome of <see cref="SingleRun.Execute"/>: what ran, on what, and what came out.</summary>
public sealed record SingleRunOutcome(RunSpec Spec, Workload Workload, LatencyFit Latency, SimulationResult Result);

/// <summary>Loads the dataset, fits the latency model, builds the workload and simulates it: `mbsim run` in one call.</summary>
public static class SingleRun
{
    public static SingleRunOutcome Execute(RunSpec spec)
    {
        spec.Workload.Validate();
        spec.Simulation.Validate();
        var fit = spec.CalibrationPath is null
            ? LatencyFit.Fit(CalibrationGrid.LoadDefault(), CalibrationGrid.DefaultLabel)
            : LatencyFit.Fit(CalibrationGrid.Load(spec.CalibrationPath), spec.CalibrationPath);
        var trace = Datasets.Load(spec.Dataset, spec.Workload.DropFailed ? null : spec.Workload.Requests, spec.Format);
        var workload = WorkloadBuilder.Build(trace, spec.Workload);
        var result = SimulationEngines.Run(workload, spec.Simulation with { Latency = fit.Model });
        return new SingleRunOutcome(spec, workload, fit, result);
    }
}
