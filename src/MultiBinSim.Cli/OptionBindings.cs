using System.Collections.Concurrent;
using System.CommandLine;

namespace MultiBinSim.Cli;

/// <summary>
/// The library property (or properties) each option or argument sets, declared where the option is
/// (<c>new Option&lt;int&gt;("--k") { ... }.In(ConfigSection.Bins).Binds(nameof(SchedulerOptions.K))</c>): the one
/// declaration from which an invalid value the library reports by property path (<c>Scheduler.K</c>) is named by its
/// flag (<c>--k</c>). No hand-written property-to-flag map.
/// </summary>
internal static class OptionBindings
{
    private static readonly ConcurrentDictionary<string, string> Flags = new(StringComparer.Ordinal);

    /// <summary>Declares that <paramref name="symbol"/> sets <paramref name="properties"/> (paths relative to where the library reports them); returns it.</summary>
    public static T Binds<T>(this T symbol, params string[] properties)
        where T : Symbol
    {
        ArgumentNullException.ThrowIfNull(symbol);
        foreach (string property in properties)
        {
            Flags.TryAdd(property, symbol.Name);
        }

        return symbol;
    }

    /// <summary>
    /// The flag of a library property path: the longest suffix of the path that names a flag (so
    /// <c>Simulation.Continuous.Dynamic.MemoryEpsilon</c> finds <c>Dynamic.MemoryEpsilon</c> before the batch engine's
    /// <c>MemoryEpsilon</c>), else the path itself.
    /// </summary>
    public static string FlagFor(string property)
    {
        ArgumentNullException.ThrowIfNull(property);
        for (string suffix = property; ; suffix = suffix[(suffix.IndexOf('.') + 1)..])
        {
            if (Flags.TryGetValue(suffix, out var flag))
            {
                return flag;
            }

            if (!suffix.Contains('.', StringComparison.Ordinal))
            {
                return property;
            }
        }
    }
}
