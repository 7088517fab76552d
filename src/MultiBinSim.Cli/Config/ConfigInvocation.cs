using System.CommandLine;
using System.CommandLine.Help;

namespace MultiBinSim.Cli;

/// <summary>
/// How <c>mbsim</c> runs a command line: parse errors and help as <see cref="ParseErrors"/> says; for a command with
/// <c>--config FILE</c>, the file's options (those the command line does not give) are added to the command line and
/// it is parsed again, so that a value from the file is checked and used exactly as the same flag would be (an option
/// of the other engine is rejected by <see cref="OptionScopes"/>, naming the file and line); with
/// <c>--print-config</c>, the resolved configuration is printed and nothing runs.
/// </summary>
internal static class ConfigInvocation
{
    public static int Invoke(Command root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 || parse.Action is HelpAction or GroupedHelpAction || ConfigOptionSet.For(parse.CommandResult.Command) is not { } set)
        {
            return ParseErrors.Invoke(parse, error);
        }

        bool printed = false;
        (string Path, IReadOnlyList<ConfigBinding.Bound> Options)? fromFile = null;
        int code = CliErrors.Guard(
            () =>
            {
                (parse, fromFile) = Apply(root, args, parse, set);
                if (parse.Errors.Count == 0 && set.PrintFormat(parse) is { } format)
                {
                    Remember(fromFile);
                    OptionScopes.For(parse.CommandResult.Command)?.Check(parse);
                    set.Check?.Invoke(parse);
                    format.Write(ResolvedConfig.Of(parse), output ?? Console.Out);
                    printed = true;
                }
            },
            error
        );
        if (code != 0 || printed)
        {
            return code;
        }

        Remember(fromFile); // here, not inside the guard: an async-local value set there would not reach the command
        return ParseErrors.Invoke(parse, error);
    }

    /// <summary>
    /// <paramref name="args"/> parsed with their <c>--config</c> file applied (for tests and tools that build runs from
    /// command lines); a problem with the file raises a <see cref="ConfigFileException"/>.
    /// </summary>
    public static ParseResult Parse(Command root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        return parse.Errors.Count > 0 || ConfigOptionSet.For(parse.CommandResult.Command) is not { } set ? parse : Apply(root, args, parse, set).Parse;
    }

    private static void Remember((string Path, IReadOnlyList<ConfigBinding.Bound> Options)? fromFile)
    {
        if (fromFile is { } file)
        {
            ConfigProvenance.Set(file.Path, file.Options);
        }
    }

    /// <summary>
    /// <paramref name="parse"/> with the options of its <c>--config</c> file added, and where they came from (unchanged, null, without a file).
    /// </summary>
    private static (ParseResult Parse, (string Path, IReadOnlyList<ConfigBinding.Bound> Options)? FromFile) Apply(
        Command root,
        string[] args,
        ParseResult parse,
        ConfigOptionSet set
    )
    {
        if (parse.GetValue(set.Config) is not { } path)
        {
            return (parse, null);
        }

        var file = ConfigFile.Read(path);
        var bound = ConfigBinding.Bind(parse, file);
        var expanded = root.Parse([.. args, .. bound.SelectMany(b => b.Words)]);
        // An option of the other engine is refused as on the command line; from the file, its message names the line.
        if (OptionScopes.For(expanded.CommandResult.Command) is { } scopes && expanded.Errors.Count == 0)
        {
            foreach (var (flag, reason) in scopes.Rejections(expanded))
            {
                if (bound.FirstOrDefault(b => b.Option.Name == flag) is { } fromFile)
                {
                    throw ConfigFileException.At(file.Path, fromFile.Entry, reason);
                }
            }
        }

        return (expanded, (file.Path, bound));
    }
}
