namespace MultiBinSim.Notebooks;

/// <summary>A notebook could not be read, parameterized or written. The message names the file and says what to do.</summary>
public sealed class NotebookException(string message, Exception? inner = null) : Exception(message, inner);
