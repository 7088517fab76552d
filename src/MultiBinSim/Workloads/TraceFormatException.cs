using MultiBinSim.Errors;

namespace MultiBinSim.Workloads;

/// <summary>
/// A trace file could not be read. The message always names the file and, where it applies, the line and the column,
/// so a researcher can open the file at the right place.
/// </summary>
public sealed class TraceFormatException(string path, long? line, string? column, string problem, Exception? inner = null)
    : InputFileException(path, line, column, problem, inner);
