using System.Security.Cryptography;
using System.Text;
using MultiBinSim.Simulation;

namespace MultiBinSim.Experiments;

/// <summary>
/// The identity of a stored test: a SHA-256 of the canonical serialization (<see cref="CanonicalConfiguration"/>) of
/// everything that determines its numbers: the semantics version, the step, the dataset's content hash and actual
/// row count, the fully resolved workload options, the fully resolved simulation configuration (engine, GPUs,
/// scheduler and every parameter, latency model, bin boundaries, engine options) and anything extra (a capacity
/// search's target). Nothing is listed by hand: a new configuration property changes the key by itself. Equal keys
/// mean a stored result can be reused; anything else is recomputed.
/// </summary>
public static class TestKey
{
    /// <param name="context">The run's shared state (dataset hash, workload options).</param>
    /// <param name="test">The planned test (step and N).</param>
    /// <param name="config">The test's resolved simulation configuration.</param>
    /// <param name="extra">Anything else that determines the result (e.g. a capacity search's target and tolerance).</param>
    public static string Compute(ExperimentContext context, SuiteTest test, SimulationConfig config, string extra = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(config);
        return Hash(Canonical(context, test, config, extra));
    }

    /// <summary>
    /// The identity of the simulation alone: the key of the same test without its step. Step 1's largest runs and
    /// Step 2's runs at the same GPU counts (and Step 3's run at the planned K) are one simulation under two keys.
    /// </summary>
    public static string Simulation(ExperimentContext context, SuiteTest test, SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Compute(context, test with { Step = 0 }, config);
    }

    /// <summary>The canonical text that <see cref="Compute"/> hashes (for inspection and tests).</summary>
    public static string Canonical(ExperimentContext context, SuiteTest test, SimulationConfig config, string extra = "")
    {
        var identity = new TestIdentity(
            CodeVersion.Semantics,
            test.Step,
            context.DatasetSha256,
            context.WorkloadFor(test.Requests).Count,
            context.WorkloadOptions with
            {
                Requests = test.Requests,
            },
            config,
            extra
        );
        return CanonicalConfiguration.Serialize(identity);
    }

    private static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];

    /// <summary>Everything a test's numbers depend on.</summary>
    private sealed record TestIdentity(
        string Semantics,
        int Step,
        string DatasetSha256,
        int Rows,
        Workloads.WorkloadOptions Workload,
        SimulationConfig Simulation,
        string Extra
    );
}
