namespace MultiBinSim.Errors;

/// <summary>
/// One invalid configuration value: the property path as the library names it (for example <c>Scheduler.K</c>) and
/// what is wrong with it, without the property's name (<c>must be between 1 and 64 (got 0)</c>). Front ends map the
/// property to their own name for it (the CLI to its flag).
/// </summary>
public sealed record ConfigurationError(string Property, string Message)
{
    public override string ToString() => $"{Property}: {Message}";
}
