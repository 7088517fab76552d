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

    /// <summary>
    /// Writes <paramref name="config"/> to <paramref name="output"/>: its comments, then each section's header and its
    /// keys, a key without a value as a comment with its note.
    /// </summary>
    public void Write(ResolvedConfig config, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var line in config.Comments)
        {
            output.WriteLine($"# {line}");
        }

        foreach (var section in config.Sections)
        {
            output.WriteLine();
            output.WriteLine(SectionHeader(section.Section.Name));
            foreach (var key in section.Keys)
            {
                output.WriteLine(key.Value is { } value ? KeyLine(key.Name, value) : NoteLine(key.Name, key.Note));
            }
        }
    }

    /// <summary>A section's header line (<c>[workload]</c>).</summary>
    protected abstract string SectionHeader(string section);

    /// <summary>A key's line (<c>requests = 1000</c>).</summary>
    protected abstract string KeyLine(string key, ConfigValue value);

    /// <summary>The comment line of a key written without a value, with why (<c># gpus: P + D</c>).</summary>
    protected abstract string NoteLine(string key, string? note);
}
