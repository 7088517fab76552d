namespace MultiBinSim.Errors;

/// <summary>
/// An expected failure caused by what the user gave the kit (a file, an option, a results folder, a download): the
/// command-line tool prints its message as one line and exits with <see cref="ExitCode"/>. Anything that is not a
/// <see cref="UserInputException"/> is a defect and surfaces with its stack trace.
/// </summary>
public abstract class UserInputException : Exception
{
    /// <summary>Exit code of a problem with an input file or folder.</summary>
    public const int BadInput = 1;

    /// <summary>Exit code of an invalid option or configuration value.</summary>
    public const int BadOption = 2;

    protected UserInputException(string message, Exception? inner = null)
        : base(message, inner) { }

    /// <summary>The process exit code the command-line tool uses for this failure.</summary>
    public abstract int ExitCode { get; }
}
