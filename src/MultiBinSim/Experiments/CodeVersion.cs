using System.Reflection;

namespace MultiBinSim.Experiments;

/// <summary>
/// The version recorded with every result and folded into its test key. <see cref="Semantics"/> changes whenever a
/// change to the simulator could change a number, so stored results of older semantics are recomputed, not reused.
/// </summary>
public static class CodeVersion
{
    public const string Semantics = "core-1";

    public static string Library { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CodeVersion).Assembly.GetName().Version?.ToString() ?? "0";

    public static string Full => $"{Library}/{Semantics}";
}
