namespace MultiBinSim.Cli;

/// <summary>A configuration file as read: its path (as given), its format (by extension) and its entries in file order.</summary>
internal sealed record ConfigFile(string Path, ConfigFormat Format, IReadOnlyList<ConfigEntry> Entries)
{
    /// <summary>Configuration files are small: a larger file is refused before it is read (is it the right file?).</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>Reads <paramref name="path"/>; every problem is a <see cref="ConfigFileException"/> (exit code 2) naming the file.</summary>
    public static ConfigFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = ConfigFormats.ForPath(path) ?? throw new ConfigFileException($"--config: '{path}' is not {ConfigFormats.Describe()}");
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ConfigFileException($"--config: {path}: no such file");
        }

        if (info.Length > MaxBytes)
        {
            throw new ConfigFileException(
                $"--config: {path}: {info.Length:N0} bytes, more than a configuration file holds (at most {MaxBytes:N0}); is this the right file?"
            );
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException($"--config: {path}: cannot be read ({e.Message.TrimEnd('.')})", e);
        }

        return new ConfigFile(path, format, format.Read(text, path));
    }
}
