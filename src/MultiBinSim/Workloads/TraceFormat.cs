namespace MultiBinSim.Workloads;

/// <summary>
/// A trace file format: its name, how a file is recognised (by extension or first line) and its reader. Each format
/// declares its descriptor beside its reader and is listed once in <see cref="TraceReaders.Formats"/>; adding a format
/// is one new reader file plus one line there. <see cref="Auto"/> is not a format but the choice to detect one.
/// </summary>
public sealed class TraceFormat
{
    private readonly Func<string, string?, bool> _matches;
    private readonly Func<Stream, string, int?, Trace> _read;

    /// <param name="name">Name on the command line and in configurations (lower case).</param>
    /// <param name="description">One line: the layout and where such traces come from.</param>
    /// <param name="matches">Whether a file is in this format, from its lower-case extension and its first line (trimmed, no BOM;
    /// null when detection asks by extension alone, before reading the file).</param>
    /// <param name="read">Reads the first maxRows rows (all when null) of a stream; the path names it in messages.</param>
    public TraceFormat(string name, string description, Func<string, string?, bool> matches, Func<Stream, string, int?, Trace> read)
    {
        Name = name;
        Description = description;
        _matches = matches;
        _read = read;
    }

    /// <summary>Detect the format from the file (see <see cref="TraceReaders.Detect(string)"/>).</summary>
    public static TraceFormat Auto { get; } =
        new("auto", "detect from the extension and the first line", (_, _) => false, (stream, path, rows) => TraceReaders.Read(stream, path, null, rows));

    /// <summary>BurstGPT CSV (built in).</summary>
    public static TraceFormat BurstGpt => BurstGptReader.Format;

    /// <summary>Azure LLM inference trace CSV (built in).</summary>
    public static TraceFormat Azure => AzureTraceReader.Format;

    /// <summary>Mooncake JSONL (built in).</summary>
    public static TraceFormat Mooncake => MooncakeTraceReader.Format;

    /// <summary>The format's name.</summary>
    public string Name { get; }

    /// <summary>One line describing the format.</summary>
    public string Description { get; }

    /// <summary>Whether a file with this lower-case extension and first line (null: not read yet) is in this format.</summary>
    public bool Matches(string extension, string? firstLine) => _matches(extension, firstLine);

    /// <summary>Reads a trace in this format from <paramref name="stream"/>; <paramref name="path"/> names it in messages.</summary>
    public Trace Read(Stream stream, string path, int? maxRows = null) => _read(stream, path, maxRows);

    public override string ToString() => Name;
}
