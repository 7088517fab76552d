namespace MultiBinSim.Cli;

/// <summary>One <c>key = value</c> of a configuration file, or a section's header, with where it stands.</summary>
/// <param name="Section">Its section (<c>workload</c>), or null for a key outside any section.</param>
/// <param name="Key">Its key (<c>requests</c>), or null for the header of <paramref name="Section"/>.</param>
/// <param name="Value">Its value (<see cref="ConfigValue.Null"/> for a header).</param>
/// <param name="Line">Its line, from 1.</param>
internal sealed record ConfigEntry(string? Section, string? Key, ConfigValue Value, int Line)
{
    /// <summary>The header of <paramref name="section"/> on <paramref name="line"/>.</summary>
    public static ConfigEntry Header(string section, int line) => new(section, null, ConfigValue.Null, line);

    /// <summary>How messages name it: <c>[workload] requests</c>, <c>[workload]</c> or, outside any section, <c>requests</c>.</summary>
    public string Name =>
        Section is null ? Key ?? ""
        : Key is null ? $"[{Section}]"
        : $"[{Section}] {Key}";
}
