using System.CommandLine;
using System.Globalization;

namespace MultiBinSim.Cli;

/// <summary>
/// Binds a configuration file to a command: each <c>[section] key = value</c> finds its option by the section and key
/// the option declares (<see cref="OptionSections"/>), its value is checked against the option's type, and it becomes
/// command-line words (<c>--requests=100000</c>) unless the option is on the command line already, which overrides the
/// file. A key the command does not have, a value of the wrong type or an unknown section is a
/// <see cref="ConfigFileException"/> naming the file, the line and the key, with the nearest key by edit distance.
/// </summary>
internal static class ConfigBinding
{
    /// <summary>An option set by the file: where, and the words that give it.</summary>
    internal sealed record Bound(Option Option, ConfigEntry Entry, IReadOnlyList<string> Words);

    /// <summary>The options <paramref name="file"/> sets on <paramref name="parse"/>'s command that its command line does not give.</summary>
    public static IReadOnlyList<Bound> Bind(ParseResult parse, ConfigFile file)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(file);
        var keys = OptionSections.KeysOf(parse.CommandResult.Command);
        var bound = new List<Bound>();
        foreach (var entry in file.Entries)
        {
            if (Find(file.Path, entry, keys, ParseErrors.CommandPath(parse.CommandResult)) is not { } option)
            {
                continue; // a section's header
            }

            var words = Words(option, entry.Value)
                ?? throw ConfigFileException.At(file.Path, entry, $"expected {Expected(option, entry.Value)}, got {entry.Value.Written}");
            if (parse.GetResult(option) is not { Implicit: false })
            {
                bound.Add(new Bound(option, entry, words));
            }
        }

        return bound;
    }

    /// <summary>The option of <paramref name="entry"/>, null for a valid section header; else the error.</summary>
    private static Option? Find(string path, ConfigEntry entry, IReadOnlyList<(ConfigSection Section, string Key, Option Option)> keys, string command)
    {
        if (entry.Section is null)
        {
            var home = keys.FirstOrDefault(k => k.Key == entry.Key);
            throw ConfigFileException.At(
                path,
                entry,
                home.Option is not null
                    ? $"a key outside any section; it belongs in [{home.Section.Name}]"
                    : "a key outside any section; keys stand in sections such as [workload]" + ParseErrors.Suggestion(entry.Key!, keys.Select(k => k.Key))
            );
        }

        if (entry.Key is null)
        {
            if (!ConfigSection.All.Any(s => s.Name == entry.Section))
            {
                throw ConfigFileException.At(path, entry, "unknown section" + ParseErrors.Suggestion(entry.Section, ConfigSection.All.Select(s => s.Name)));
            }

            if (!keys.Any(k => k.Section.Name == entry.Section))
            {
                throw ConfigFileException.At(
                    path,
                    entry,
                    $"{command} has no options in this section (its sections: {string.Join(", ", ConfigSection.All.Where(s => keys.Any(k => k.Section == s)).Select(s => s.Name))})"
                );
            }

            return null;
        }

        var match = keys.FirstOrDefault(k => k.Section.Name == entry.Section && k.Key == entry.Key);
        if (match.Option is not null)
        {
            return match.Option;
        }

        var elsewhere = keys.FirstOrDefault(k => k.Key == entry.Key);
        if (elsewhere.Option is not null)
        {
            throw ConfigFileException.At(path, entry, $"not a key of [{entry.Section}]; {entry.Key} belongs in [{elsewhere.Section.Name}]");
        }

        // The nearest key of the section, else of the whole command (named with its section).
        string? near = ParseErrors.Nearest(entry.Key, keys.Where(k => k.Section.Name == entry.Section).Select(k => k.Key));
        string? other = near is null ? ParseErrors.Nearest(entry.Key, keys.Select(k => k.Key)) : null;
        string suggestion =
            near is not null ? $" (did you mean {near}?)"
            : other is not null ? $" (did you mean [{keys.First(k => k.Key == other).Section.Name}] {other}?)"
            : "";
        throw ConfigFileException.At(path, entry, $"unknown key for {command}{suggestion}");
    }

    /// <summary>The command-line words that give <paramref name="value"/> to <paramref name="option"/>, or null when the value does not fit its type.</summary>
    public static IReadOnlyList<string>? Words(Option option, ConfigValue value)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(value);
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type == typeof(string[]))
        {
            var items = value.Kind == ConfigValueKind.Array ? (IReadOnlyList<ConfigValue>)value.Value! : [value];
            var texts = items.Select(Text).ToList();
            return texts.Count > 0 && texts.All(t => t is not null) ? texts.Select(t => $"{option.Name}={t}").ToList() : null;
        }

        string? text = type switch
        {
            _ when type == typeof(bool) => Boolean(value),
            _ when type == typeof(int) => Integer(value, int.MinValue, int.MaxValue),
            _ when type == typeof(long) => Integer(value, long.MinValue, long.MaxValue),
            _ when type == typeof(double) => Number(value),
            // A string option also takes a number (--gpus "1,2,4" or 4) and a list (joined with commas: [1, 2, 4]).
            _ when type == typeof(string) => value.Kind == ConfigValueKind.Array ? List((IReadOnlyList<ConfigValue>)value.Value!) : Text(value),
            _ => throw new InvalidOperationException($"{option.Name}: configuration files do not support options of type {option.ValueType}."),
        };
        return text is null ? null : [$"{option.Name}={text}"];
    }

    /// <summary>What <paramref name="option"/> takes, for messages (with the range when <paramref name="given"/> is an integer outside it).</summary>
    public static string Expected(Option option, ConfigValue given)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(given);
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        bool integer =
            given.Kind == ConfigValueKind.Integer
            || (given.Kind == ConfigValueKind.Plain && long.TryParse((string)given.Value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) => integer ? "an integer from -2147483648 to 2147483647" : "an integer",
            _ when type == typeof(long) => "an integer",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(string[]) => "a string or a list of strings",
            _ => "a string",
        };
    }

    private static string? Boolean(ConfigValue value) =>
        value.Kind switch
        {
            ConfigValueKind.Boolean => (bool)value.Value! ? "true" : "false",
            ConfigValueKind.Plain when bool.TryParse((string)value.Value!, out bool b) => b ? "true" : "false",
            _ => null,
        };

    private static string? Integer(ConfigValue value, long min, long max)
    {
        long? number = value.Kind switch
        {
            ConfigValueKind.Integer => (long)value.Value!,
            ConfigValueKind.Plain when long.TryParse((string)value.Value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) => n,
            _ => null,
        };
        return number is { } n2 && n2 >= min && n2 <= max ? n2.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static string? Number(ConfigValue value) =>
        value.Kind switch
        {
            ConfigValueKind.Integer => ((long)value.Value!).ToString(CultureInfo.InvariantCulture),
            ConfigValueKind.Float => ((double)value.Value!).ToString("R", CultureInfo.InvariantCulture),
            ConfigValueKind.Plain when YamlNumber((string)value.Value!) is { } d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };

    /// <summary>A YAML plain scalar as a number: decimal and exponent forms, and YAML's .inf / .nan.</summary>
    private static double? YamlNumber(string text) =>
        text switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ when text.Any(char.IsLetter) && !text.Contains('e', StringComparison.OrdinalIgnoreCase) => null,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
        };

    /// <summary>A scalar as text (strings as they are, numbers in invariant form); null for anything else.</summary>
    private static string? Text(ConfigValue value) =>
        value.Kind switch
        {
            ConfigValueKind.String or ConfigValueKind.Plain => (string)value.Value!,
            ConfigValueKind.Integer => ((long)value.Value!).ToString(CultureInfo.InvariantCulture),
            ConfigValueKind.Float => ((double)value.Value!).ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };

    private static string? List(IReadOnlyList<ConfigValue> items)
    {
        var texts = items.Select(Text).ToList();
        return texts.Count > 0 && texts.All(t => t is not null) ? string.Join(',', texts) : null;
    }
}
