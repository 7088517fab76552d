namespace MultiBinSim.Cli;

/// <summary>
/// Which flags of the running command came from its configuration file, and from where, so that an invalid value read
/// from the file is reported at its line (<c>error: run.toml:2: [workload] requests: must be at least 1 (got 0).</c>)
/// instead of under a flag the user never typed. Set by <see cref="ConfigInvocation"/> for the one command it runs
/// (an async-local value: it flows into the command's action and nowhere else).
/// </summary>
internal static class ConfigProvenance
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> Current = new();

    /// <summary>Records that each flag of <paramref name="bound"/> came from <paramref name="path"/>.</summary>
    public static void Set(string path, IEnumerable<ConfigBinding.Bound> bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        Current.Value = bound.GroupBy(b => b.Option.Name).ToDictionary(g => g.Key, g => $"{path}:{g.First().Entry.Line}: {g.First().Entry.Name}");
    }

    /// <summary>Where <paramref name="flag"/> was set (<c>run.toml:2: [workload] requests</c>), or the flag itself when not from a file.</summary>
    public static string Describe(string flag) => Current.Value is { } from && from.TryGetValue(flag, out var where) ? where : flag;
}
