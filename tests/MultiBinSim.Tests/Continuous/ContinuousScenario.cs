using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Small hand-made workloads and configurations for the continuous engine's tests.</summary>
internal static class ContinuousScenario
{
    /// <summary>Every registered continuous policy's name, for theories that hold for all of them.</summary>
    public static TheoryData<string> PolicyNames => new(ContinuousPolicies.Names);

    public static Workload Requests(params (double Arrival, int Prompt, int Output)[] rows) =>
        Workload.FromColumns(
            rows.Select(r => r.Arrival).ToArray(),
            rows.Select(r => r.Prompt).ToArray(),
            rows.Select(r => r.Output).ToArray(),
            rows.Select(r => r.Output).ToArray()
        );

    public static StepTimeModel Linear(double b, double s, double p, double k) => new(b, s, p, k, $"linear:{b},{s},{p},{k}");

    public static SimulationConfig Config(ContinuousOptions options, int gpus = 1) =>
        new()
        {
            Engine = ContinuousEngine.EngineName,
            Gpus = gpus,
            Continuous = options,
        };

    public static SimulationResult Run(Workload workload, ContinuousOptions options, int gpus = 1) => SimulationEngines.Run(workload, Config(options, gpus));
}
