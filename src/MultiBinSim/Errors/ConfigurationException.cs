namespace MultiBinSim.Errors;

/// <summary>
/// A configuration failed validation. It carries every error found, keyed by property, not only the first.
/// </summary>
public sealed class ConfigurationException : UserInputException
{
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(string.Join("; ", errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A configuration exception needs at least one error.", nameof(errors));
        }

        Errors = errors;
    }

    public ConfigurationException(string property, string message)
        : this([new ConfigurationError(property, message)]) { }

    public IReadOnlyList<ConfigurationError> Errors { get; }

    public override int ExitCode => BadOption;
}
