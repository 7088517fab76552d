namespace MultiBinSim.Errors;

/// <summary>
/// A file the kit reads is malformed. The message always names the file and, where it applies, the line and the
/// column (or field), so a researcher can open the file at the right place.
/// </summary>
public class InputFileException : UserInputException
{
    public InputFileException(string path, long? line, string? column, string problem, Exception? inner = null)
        : base(Format(path, line, column, problem), inner)
    {
        Path = path;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string Path { get; }

    /// <summary>1-based line number, when the problem has one.</summary>
    public long? Line { get; }

    /// <summary>The column, field or key at fault, when the problem has one.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    public override int ExitCode => BadInput;

    private static string Format(string path, long? line, string? column, string problem)
    {
        var where = line is null ? path : $"{path}:{line}";
        return column is null ? $"{where}: {problem}" : $"{where}: column '{column}': {problem}";
    }
}
