using MultiBinSim.Errors;

namespace MultiBinSim.Storage;

/// <summary>A results file is damaged, foreign or locked. The message names the file; the file is left untouched.</summary>
public sealed class ResultStoreException(string message, Exception? inner = null) : UserInputException(message, inner)
{
    public override int ExitCode => BadInput;
}
