using MultiBinSim.Errors;

namespace MultiBinSim.Cli;

/// <summary>
/// A configuration file (<c>--config FILE</c>) that cannot be read or does not fit the command: an option error (exit
/// code 2) whose one-line message names the file, the line and the key (<c>config.toml:7: [workload] requests: expected
/// an integer, got "abc"</c>).
/// </summary>
internal sealed class ConfigFileException : UserInputException
{
    public ConfigFileException(string message, Exception? inner = null)
        : base(message, inner) { }

    /// <summary>The problem of <paramref name="entry"/> in <paramref name="path"/>.</summary>
    public static ConfigFileException At(string path, ConfigEntry entry, string problem)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ConfigFileException($"{path}:{entry.Line}: {entry.Name}: {problem}");
    }

    public override int ExitCode => BadOption;
}
