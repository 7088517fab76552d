namespace MultiBinSim.Workloads;

/// <summary>The registry of trace formats, and reading any trace by its format or by detection.</summary>
public static class TraceReaders
{
    /// <summary>Every format, in detection order (the first whose test matches wins; BurstGPT matches any CSV, so it is last).</summary>
    public static IReadOnlyList<TraceFormat> Formats { get; } = [MooncakeTraceReader.Format, AzureTraceReader.Format, BurstGptReader.Format];

    /// <summary>"auto" and every format's name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", .. Formats.Select(f => f.Name)];

    /// <summary>The format named <paramref name="name"/> (case-insensitive), or <see cref="TraceFormat.Auto"/> for "auto".</summary>
    /// <exception cref="Errors.ConfigurationException">On <c>Format</c> for an unknown name.</exception>
    public static TraceFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals(TraceFormat.Auto.Name, StringComparison.OrdinalIgnoreCase))
        {
            return TraceFormat.Auto;
        }

        return Formats.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new Errors.ConfigurationException(nameof(WorkloadOptions.Format), $"unknown format '{name}'; known: {string.Join(", ", Names)}");
    }

    /// <summary>Reads the trace at <paramref name="path"/> in <paramref name="format"/> (detected when null or auto).</summary>
    public static Trace Read(string path, TraceFormat? format = null, int? maxRows = null)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path, format, maxRows);
    }

    /// <summary>
    /// Reads a trace from a seekable <paramref name="stream"/> (left open); <paramref name="path"/> names it in messages
    /// and, for detection, its extension counts as in <see cref="Detect(string)"/>.
    /// </summary>
    public static Trace Read(Stream stream, string path, TraceFormat? format = null, int? maxRows = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (format is null || format == TraceFormat.Auto)
        {
            long start = stream.Position;
            format = Detect(stream, path);
            stream.Position = start;
        }

        return format.Read(stream, path, maxRows);
    }

    /// <summary>The first format of <see cref="Formats"/> that matches the file's extension or first line.</summary>
    public static TraceFormat Detect(string path)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "file not found.");
        }

        using var stream = File.OpenRead(path);
        return Detect(stream, path);
    }

    /// <summary>
    /// <see cref="Detect(string)"/> on the first line of <paramref name="stream"/> (read, not rewound; a first line
    /// longer than <see cref="InputLimits.MaxLineChars"/> raises <see cref="TraceFormatException"/>).
    /// </summary>
    public static TraceFormat Detect(Stream stream, string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (Formats.FirstOrDefault(f => f.Matches(extension, null)) is { } byExtension)
        {
            return byExtension; // decided by the extension alone: the file is not read
        }

        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 12, leaveOpen: true);
        var lines = new LineScanner(reader, path, (p, l, problem) => new TraceFormatException(p, l, null, problem));
        string first = lines.TryReadLine(out var line) ? line.TrimStart('\uFEFF').Trim().ToString() : "";
        return Formats.First(f => f.Matches(extension, first));
    }
}
