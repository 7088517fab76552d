namespace MultiBinSim.Cli;

/// <summary>The configuration file formats, chosen by a file's extension or by name.</summary>
internal static class ConfigFormats
{
    /// <summary>Every format; the first is <c>--print-config</c>'s default.</summary>
    public static IReadOnlyList<ConfigFormat> All { get; } = [new TomlConfigFormat(), new YamlConfigFormat()];

    /// <summary>The format named <paramref name="name"/> (any letter case), or null.</summary>
    public static ConfigFormat? Named(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The format of <paramref name="path"/> by its extension, or null.</summary>
    public static ConfigFormat? ForPath(string path) =>
        All.FirstOrDefault(f => f.Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase));

    /// <summary>"a TOML (.toml) or YAML (.yaml, .yml) file", for messages.</summary>
    public static string Describe() =>
        "a " + string.Join(" or ", All.Select(f => $"{f.Name.ToUpperInvariant()} ({string.Join(", ", f.Extensions)})")) + " file";
}
