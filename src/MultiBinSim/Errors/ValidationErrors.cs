namespace MultiBinSim.Errors;

/// <summary>
/// Collects the errors of one validation pass so that all of them are reported at once:
/// <c>errors.Require(K >= 1, nameof(K), $"must be at least 1 (got {K})")</c>, then <see cref="ThrowIfAny"/>.
/// </summary>
public sealed class ValidationErrors
{
    private readonly List<ConfigurationError> _errors = [];
    private readonly string _prefix;

    public ValidationErrors(string prefix = "")
    {
        _prefix = prefix;
    }

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    public bool Any => _errors.Count > 0;

    /// <summary>Records an error for <paramref name="property"/> when <paramref name="condition"/> is false.</summary>
    public ValidationErrors Require(bool condition, string property, string message)
    {
        if (!condition)
        {
            Add(property, message);
        }

        return this;
    }

    public ValidationErrors Add(string property, string message)
    {
        _errors.Add(new ConfigurationError(_prefix.Length == 0 ? property : $"{_prefix}.{property}", message));
        return this;
    }

    /// <summary>Adds the errors of a nested object's validation under this collector's prefix.</summary>
    public ValidationErrors AddRange(IEnumerable<ConfigurationError> errors)
    {
        foreach (var error in errors)
        {
            Add(error.Property, error.Message);
        }

        return this;
    }

    /// <summary>A child collector whose properties are prefixed with <paramref name="property"/>.</summary>
    public ValidationErrors Nested(string property, Action<ValidationErrors> validate)
    {
        var child = new ValidationErrors(property);
        validate(child);
        return AddRange(child.Errors);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException(_errors.ToArray());
        }
    }
}
