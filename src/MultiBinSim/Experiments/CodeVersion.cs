using System.Reflection;

namespace MultiBinSim.Experiments;

/// <summary>
/// The version recorded with every result and folded into its test key. <see cref="Semantics"/> changes whenever a
/// change to the simulator could change a number, so stored results of older semantics are recomputed, not reused.
/// </summary>
public static class CodeVersion
{
    /// <summary>
    /// History: core-1 (release 0.1); core-2 (release 0.2): test keys are hashes of the canonical configuration, and
    /// rows of core-1 (which kept its name through a new scheduler and new event-loop timers) are recomputed, not
    /// reused. No batch-engine number differs between core-1 and core-2 (a test replays release 0.1's runs).
    /// </summary>
    public const string Semantics = "core-2";

    public static string Library { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CodeVersion).Assembly.GetName().Version?.ToString()
        ?? "0";

    public static string Full => $"{Library}/{Semantics}";
}
