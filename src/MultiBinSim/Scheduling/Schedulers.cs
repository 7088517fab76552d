using MultiBinSim.Errors;

namespace MultiBinSim.Scheduling;

/// <summary>
/// The registry of schedulers. Adding a scheduler is one new file (its <see cref="IBatchPolicy"/> with a
/// <see cref="SchedulerKind"/> descriptor) plus one line in <see cref="All"/>.
/// </summary>
public static class Schedulers
{
    /// <summary>Every scheduler, in the order tables and charts list them.</summary>
    public static IReadOnlyList<SchedulerKind> All { get; } =
    [StaticFifoPolicy.Kind, DynamicNoBinsPolicy.Kind, MultiBinDynamicPolicy.Kind, MultiBinFixedPolicy.Kind, MultiBinPaperPolicy.Kind];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <summary>The scheduler named <paramref name="name"/> (or one of its aliases).</summary>
    /// <exception cref="ConfigurationException">On <c>Scheduler</c> when no scheduler has that name.</exception>
    public static SchedulerKind Parse(string name) =>
        Find(name) ?? throw new ConfigurationException(nameof(SchedulerOptions.Scheduler), $"unknown scheduler '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>The scheduler named <paramref name="name"/> (or an alias), or null.</summary>
    public static SchedulerKind? Find(string? name) =>
        All.FirstOrDefault(s => s.Name == name) ?? All.FirstOrDefault(s => name is not null && s.Aliases.Contains(name));

    /// <summary>Position of a scheduler in <see cref="All"/> (for stable ordering of results); unknown names sort last.</summary>
    public static int OrderOf(string? name)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i].Name == name)
            {
                return i;
            }
        }

        return All.Count;
    }
}
