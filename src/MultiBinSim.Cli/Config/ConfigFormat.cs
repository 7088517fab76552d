namespace MultiBinSim.Cli;

/// <summary>A configuration file format: how its files read into entries and how a resolved configuration is written in it.</summary>
internal abstract class ConfigFormat
{
    /// <summary>Its name, as <c>--print-config</c> takes it (<c>toml</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The file extensions that select it, with the dot (<c>.toml</c>).</summary>
    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// The entries of <paramref name="text"/>, in file order; a file that does not parse raises a
    /// <see cref="ConfigFileException"/> naming <paramref name="path"/> and the line.
    /// </summary>
    public abstract IReadOnlyList<ConfigEntry> Read(string text, string path);

    /// <summary>Writes <paramref name="config"/> (comments, then each section with its keys) to <paramref name="output"/>.</summary>
    public abstract void Write(ResolvedConfig config, TextWriter output);
}
