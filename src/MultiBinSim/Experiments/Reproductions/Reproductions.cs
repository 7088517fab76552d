using MultiBinSim.Errors;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>The registry of reproductions: one line per figure. Adding a figure is one new <see cref="IReproduction"/> class plus one line here.</summary>
public static class Reproductions
{
    /// <summary>Every reproduction, in the order <c>all</c> runs them.</summary>
    public static IReadOnlyList<IReproduction> All { get; } =
    [
        new MultiBinThm42(),
        new MultiBinFig3(),
        new MultiBinFig4(),
        new MultiBinFig6(),
        new MultiBinFig8(),
        new MultiBinFig9(),
        new DynBatchFig3(),
        new DynBatchCapacity(),
        new DynBatchStatic(),
        new MultiBinContinuous(),
    ];

    /// <summary>The names, in order.</summary>
    public static IReadOnlyList<string> Names => All.Select(r => r.Name).ToArray();

    /// <summary>
    /// The reproductions named (in the order given, duplicates once); "all" means every one. Unknown names raise one
    /// <see cref="ConfigurationException"/> on <c>Reproduction.Names</c> listing them and the known names.
    /// </summary>
    public static IReadOnlyList<IReproduction> Resolve(IEnumerable<string> names)
    {
        var requested = names.Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        if (requested.Length == 0)
        {
            throw new ConfigurationException("Reproduction.Names", $"name at least one reproduction or 'all'; known: {string.Join(", ", Names)}");
        }

        if (requested.Any(n => string.Equals(n, "all", StringComparison.OrdinalIgnoreCase)))
        {
            return All;
        }

        var unknown = requested.Where(n => All.All(r => !string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            throw new ConfigurationException(
                "Reproduction.Names",
                $"unknown reproduction{(unknown.Length > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join(", ", Names)}, all"
            );
        }

        return requested.Select(n => All.First(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).Distinct().ToArray();
    }
}
