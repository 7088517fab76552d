using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>The oracle's planner for each registered continuous policy, by name (a test requires one per policy).</summary>
internal static class OraclePlanners
{
    public static IReadOnlyDictionary<string, Func<OracleKv, IOraclePlanner>> ByPolicy { get; } =
        new Dictionary<string, Func<OracleKv, IOraclePlanner>>
        {
            ["vllm"] = kv => new OracleVllmPlanner(kv),
            ["sarathi"] = kv => new OracleSarathiPlanner(kv),
            ["orca"] = kv => new OracleReservingPlanner(kv, isStatic: false),
            ["static"] = kv => new OracleReservingPlanner(kv, isStatic: true),
            ["vllm-v1"] = kv => new OracleVllmV1Planner(kv),
        };

    /// <summary>Whether a policy reserves prompt + output at admission (no growth, no preemption).</summary>
    public static bool Reserves(ContinuousPolicy policy) => policy.Name is "orca" or "static";
}
