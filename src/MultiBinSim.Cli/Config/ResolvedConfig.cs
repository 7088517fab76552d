using System.CommandLine;
using MultiBinSim.Experiments;

namespace MultiBinSim.Cli;

/// <summary>
/// What <c>--print-config</c> writes: every configuration key of a parsed command with its effective value, defaults
/// included, by section. Left out are the options that cannot affect this run (the other engine's, by
/// <see cref="OptionScopes"/>, as the command line would reject them); options without a value, and defaults that must
/// stay implicit (<see cref="ImplicitDefaults"/>), are comments. Read back with <c>--config</c>, it gives the same
/// explicit options with the same values, hence the same resolved run (for <c>mbsim run</c>, the same
/// <see cref="RunSpec"/>, which with the dataset's hash and the step is what a stored row's test key hashes).
/// </summary>
internal sealed record ResolvedConfig(IReadOnlyList<string> Comments, IReadOnlyList<ResolvedConfig.Part> Sections)
{
    /// <summary>One key: its value, or (null) a comment saying why it is not set.</summary>
    internal sealed record Key(string Name, ConfigValue? Value, string? Note);

    /// <summary>One section's keys.</summary>
    internal sealed record Part(ConfigSection Section, IReadOnlyList<Key> Keys);

    /// <summary>The resolved configuration of <paramref name="parse"/>'s command (whose configuration files are already applied).</summary>
    public static ResolvedConfig Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var scopes = OptionScopes.For(command);
        var keys = OptionSections.KeysOf(command);
        var parts = new List<Part>();
        foreach (var section in ConfigSection.All)
        {
            var lines = new List<Key>();
            foreach (var (_, key, option) in keys.Where(k => k.Section == section))
            {
                if (scopes is not null && !scopes.Applies(parse, option))
                {
                    continue;
                }

                bool given = parse.GetResult(option) is { Implicit: false };
                var value = ValueOf(parse, option);
                lines.Add(
                    !given && ImplicitDefaults.Reason(option, parse) is { } why ? new Key(key, null, $"left unset ({why})")
                    : value is null ? new Key(key, null, "not set")
                    : new Key(key, value, null)
                );
            }

            if (lines.Count > 0)
            {
                parts.Add(new Part(section, lines));
            }
        }

        string path = ParseErrors.CommandPath(parse.CommandResult);
        return new ResolvedConfig(
            [
                $"{path}: the resolved configuration, every option's effective value with the defaults (code semantics {CodeVersion.Semantics}).",
                "Options that cannot affect this run (the other engine's) are left out.",
                $"Run it with: {path} --config FILE (options on the command line override the file).",
            ],
            parts
        );
    }

    /// <summary>The effective value of <paramref name="option"/> (given, from the file, or its default), or null when it has none.</summary>
    public static ConfigValue? ValueOf(ParseResult parse, Option option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return option switch
        {
            Option<bool> o => ConfigValue.Of(parse.GetValue(o)),
            Option<int> o => ConfigValue.Of((long)parse.GetValue(o)),
            Option<int?> o => parse.GetValue(o) is { } v ? ConfigValue.Of((long)v) : null,
            Option<long> o => ConfigValue.Of(parse.GetValue(o)),
            Option<long?> o => parse.GetValue(o) is { } v ? ConfigValue.Of(v) : null,
            Option<double> o => ConfigValue.Of(parse.GetValue(o)),
            Option<double?> o => parse.GetValue(o) is { } v ? ConfigValue.Of(v) : null,
            Option<string> o => parse.GetValue(o) is { } v ? ConfigValue.Of(v) : null,
            Option<string[]> o => parse.GetValue(o) is { } v ? ConfigValue.Of(v.Select(ConfigValue.Of).ToList()) : null,
            _ => throw new InvalidOperationException($"{option.Name}: configuration files do not support options of type {option.ValueType}."),
        };
    }
}
