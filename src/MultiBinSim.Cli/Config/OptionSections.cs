using System.CommandLine;
using System.Runtime.CompilerServices;

namespace MultiBinSim.Cli;

/// <summary>
/// The section each option belongs to, attached where the option is declared
/// (<c>new Option&lt;int&gt;("--seed") { ... }.In(ConfigSection.Workload)</c>): the one declaration that configuration files,
/// <c>--print-config</c> and the grouped help read. An option without a section (<c>--help</c>, <c>--config</c>) is not
/// a configuration key.
/// </summary>
internal static class OptionSections
{
    private static readonly ConditionalWeakTable<Option, ConfigSection> Sections = [];

    /// <summary>Puts <paramref name="option"/> into <paramref name="section"/> and returns it.</summary>
    public static T In<T>(this T option, ConfigSection section)
        where T : Option
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(section);
        Sections.AddOrUpdate(option, section);
        return option;
    }

    /// <summary>The section of <paramref name="option"/>, or null when it is not a configuration key.</summary>
    public static ConfigSection? SectionOf(Option option) => Sections.TryGetValue(option, out var section) ? section : null;

    /// <summary>
    /// The key of <paramref name="option"/> in its section: its name without the leading dashes (<c>--rps-scaling</c> is <c>rps-scaling</c>).
    /// </summary>
    public static string KeyOf(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Name.TrimStart('-');
    }

    /// <summary>The configuration keys of <paramref name="command"/>: each option with a section, by section and key.</summary>
    public static IReadOnlyList<(ConfigSection Section, string Key, Option Option)> KeysOf(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var keys = new List<(ConfigSection, string, Option)>();
        foreach (var option in command.Options)
        {
            if (SectionOf(option) is { } section)
            {
                keys.Add((section, KeyOf(option), option));
            }
        }

        return keys;
    }
}
