using System.CommandLine;
using System.Runtime.CompilerServices;

namespace MultiBinSim.Cli;

/// <summary>
/// <c>--config FILE</c> and <c>--print-config [toml|yaml]</c> of the commands that simulate (run, suite, capacity, sweep
/// predictors, sweep pd-ratio). A command adds them with <c>ConfigOptionSet.AddTo(command).Declare(scopes)</c>;
/// <see cref="ConfigInvocation"/> applies the file before the command runs and prints the configuration instead of
/// running it.
/// </summary>
internal sealed class ConfigOptionSet
{
    private static readonly ConditionalWeakTable<Command, ConfigOptionSet> ByCommand = [];

    public Option<string?> Config { get; } =
        new("--config")
        {
            Description =
                "Read options from a TOML (.toml) or YAML (.yaml, .yml) file, one section per concern ([workload] requests = 100000; the sections are this help's headings); options on the command line override the file.",
            HelpName = "FILE",
        };

    public Option<string?> PrintConfig { get; } =
        new("--print-config")
        {
            Description =
                "Print the resolved configuration (every option's effective value, defaults included) as toml or yaml (default: the --config file's format, else toml) and run nothing; --config FILE reads it back.",
            HelpName = "FORMAT",
            Arity = ArgumentArity.ZeroOrOne,
        };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static ConfigOptionSet AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var set = new ConfigOptionSet();
        command.Options.Add(set.Config);
        command.Options.Add(set.PrintConfig);
        ByCommand.AddOrUpdate(command, set);
        return set;
    }

    /// <summary>The set of <paramref name="command"/>, or null when it takes no configuration file.</summary>
    public static ConfigOptionSet? For(Command command) => ByCommand.TryGetValue(command, out var set) ? set : null;

    /// <summary>
    /// Makes <paramref name="alias"/> (a command built from <paramref name="command"/>'s options, as mbsim-run's root) take configuration files too.
    /// </summary>
    public static void Alias(Command command, Command alias)
    {
        if (For(command) is { } set)
        {
            ByCommand.AddOrUpdate(alias, set);
        }
    }

    /// <summary>Both options belong to both engines.</summary>
    public OptionScopes Declare(OptionScopes scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return scopes.Add(OptionScopes.Both, Config, PrintConfig);
    }

    /// <summary>The command's check of its options' values, run by <c>--print-config</c> before it prints (<c>mbsim run</c> sets it).</summary>
    public Action<ParseResult>? Check { get; set; }

    /// <summary>The format <c>--print-config</c> asks for, or null when it was not given.</summary>
    public ConfigFormat? PrintFormat(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetResult(PrintConfig) is not { Implicit: false })
        {
            return null;
        }

        if (parse.GetValue(PrintConfig) is { } name)
        {
            return ConfigFormats.Named(name)
                ?? throw new ConfigFileException($"--print-config: expected {string.Join(" or ", ConfigFormats.All.Select(f => f.Name))} (got '{name}')");
        }

        return parse.GetValue(Config) is { } path && ConfigFormats.ForPath(path) is { } format ? format : ConfigFormats.All[0];
    }
}
