using System.Text.Json;
using MultiBinSim.Latency;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation;

/// <summary>
/// A finished run as its engine describes it (<see cref="ISimulationEngine.WriteRunJson"/>,
/// <see cref="ISimulationEngine.RunTableRows"/>): the configuration, the workload options and the workload built from
/// them, the fitted batch latency model and the result.
/// </summary>
public sealed record CompletedRun(SimulationConfig Config, WorkloadOptions WorkloadOptions, Workload Workload, LatencyFit Latency, SimulationResult Result)
{
    /// <summary>The workload keys every engine's run JSON carries, last among its configuration (arrivals, D_SLA, predictor, seed).</summary>
    public void WriteWorkloadKeys(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (WorkloadOptions.RealTimestamps)
        {
            json.WriteNull("rps_scaling");
        }
        else
        {
            json.WriteNumber("rps_scaling", WorkloadOptions.RpsScaling);
        }

        json.WriteBoolean("real_timestamps", WorkloadOptions.RealTimestamps);
        json.WriteNumber("d_sla", Config.Scheduler.DSla);
        json.WriteString("predictor", Workload.Predictor);
        json.WriteNumber("seed", WorkloadOptions.Seed);
    }
}
