using MultiBinSim.Errors;
using MultiBinSim.Notebooks;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// One input format under fuzzing: how to read it from a stream, what an accepted result must satisfy, and which
/// exception is its documented error. Adding a format to the fuzz suite is one test file that builds one of these
/// and hands it to <see cref="FuzzRunner"/>.
/// </summary>
/// <typeparam name="T">What the reader returns.</typeparam>
internal sealed class FuzzFormat<T>
{
    /// <summary>Short name, also the prefix of its files under Fuzz/Regressions (for example <c>azure</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The name the reader is given as the file's path (it must appear in every error message).</summary>
    public required string FileName { get; init; }

    /// <summary>Reads the format from a stream; <c>path</c> names it in messages.</summary>
    public required Func<Stream, string, T> Read { get; init; }

    /// <summary>Checks that an accepted result is internally consistent (throws an xunit assertion when not).</summary>
    public required Action<T, byte[]> CheckAccepted { get; init; }

    /// <summary>The documented error: by default <see cref="InputFileException"/> (a trace's is its subclass <c>TraceFormatException</c>).</summary>
    public Func<Exception, bool> IsDocumentedError { get; init; } = e => e is InputFileException;

    /// <summary>The documented error of notebooks.</summary>
    public static bool IsNotebookError(Exception e) => e is NotebookException;
}
