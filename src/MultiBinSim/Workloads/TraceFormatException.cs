namespace MultiBinSim.Workloads;

/// <summary>
/// A trace file could not be read. The message always names the file and, where it applies, the line and the column,
/// so a researcher can open the file at the right place.
/// </summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(string path, long? line, string? column, string problem)
        : base(Format(path, line, column, problem))
    {
        Path = path;
        Line = line;
        Column = column;
    }

    public string Path { get; }
    public long? Line { get; }
    public string? Column { get; }

    private static string Format(string path, long? line, string? column, string problem)
    {
        var where = line is null ? path : $"{path}:{line}";
        return column is null ? $"{where}: {problem}" : $"{where}: column '{column}': {problem}";
    }
}
