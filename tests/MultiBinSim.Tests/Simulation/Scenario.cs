using MultiBinSim.Latency;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// Small hand-checkable scenarios. The latency model is t = 0.001 s * L (alpha = 0, gamma = 0), so a batch whose longest
/// request has prompt + output = 1000 tokens takes exactly 1 s.
/// </summary>
internal static class Scenario
{
    public static readonly LatencyModel Linear = new(0, 0.001, 0);

    /// <summary>Requests as (arrival, prompt + output tokens, predicted length); prompt = output = tokens / 2.</summary>
    public static Workload Requests(params (double Arrival, int Tokens, int Predicted)[] requests) =>
        Workload.FromColumns(
            requests.Select(r => r.Arrival).ToArray(),
            requests.Select(r => r.Tokens / 2).ToArray(),
            requests.Select(r => r.Tokens - r.Tokens / 2).ToArray(),
            requests.Select(r => r.Predicted).ToArray()
        );

    public static SimulationResult Run(Workload workload, SchedulerOptions scheduler, int gpus = 1, BinBoundaries? boundaries = null) =>
        Simulator.Run(
            workload,
            new SimulationConfig
            {
                Gpus = gpus,
                Scheduler = scheduler,
                Latency = Linear,
                Boundaries = boundaries,
            }
        );
}
