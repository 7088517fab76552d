using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using MultiBinSim.Errors;

namespace MultiBinSim.Cli;

/// <summary>
/// The error rule for command lines that do not parse: one line on stderr, exit code 2 (an option error), the nearest
/// option or command suggested by edit distance, and never the help text on stdout (<c>mbsim run --json --gpu 4</c>
/// says <c>error: unknown option '--gpu' (did you mean --gpus?)</c>; <c>--requests abc</c> says
/// <c>error: --requests: 'abc' is not an integer</c>).
/// </summary>
internal static class ParseErrors
{
    /// <summary>Runs the parsed command, or reports its first parse error in one line on <paramref name="error"/> and returns 2.</summary>
    public static int Invoke(ParseResult parse, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count == 0 || parse.Action is HelpAction or GroupedHelpAction)
        {
            return parse.Invoke();
        }

        (error ?? Console.Error).WriteLine($"error: {Describe(parse)}");
        return UserInputException.BadOption;
    }

    /// <summary>The one-line description of the first problem of a command line that does not parse.</summary>
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        // An unknown option first (a stray value after it, as in `--gpu 4`, is its consequence), then an unknown word.
        string? unknown = parse.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-')) ?? (parse.UnmatchedTokens.Count > 0 ? parse.UnmatchedTokens[0] : null);
        if (unknown is not null)
        {
            if (unknown.StartsWith('-'))
            {
                string name = unknown.Split('=', 2)[0];
                return $"unknown option '{name}'{Suggestion(name, OptionNames(parse.CommandResult))}";
            }

            return command.Subcommands.Count > 0
                ? $"unknown command '{unknown}'{Suggestion(unknown, command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)))}"
                : $"unexpected argument '{unknown}'";
        }

        foreach (var problem in parse.Errors)
        {
            if (OptionOf(problem.SymbolResult) is { } option)
            {
                return Describe(option, problem.Message);
            }
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"{CommandPath(parse.CommandResult)} needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see {CommandPath(parse.CommandResult)} --help)";
        }

        return parse.Errors.Count > 0 ? OneLine(parse.Errors[0].Message) : "";
    }

    /// <summary>
    /// The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/> (insertions, deletions and
    /// substitutions of one character each cost 1).
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// " (did you mean X?)" for the candidate nearest to <paramref name="given"/> by edit distance, when it is near
    /// enough to be a typo (at most 2 edits, or a third of the name) or the given text is its beginning; else "".
    /// </summary>
    public static string Suggestion(string given, IEnumerable<string> candidates) =>
        Nearest(given, candidates) is { } nearest ? $" (did you mean {nearest}?)" : "";

    /// <summary>
    /// The candidate nearest to <paramref name="given"/> by edit distance when it is near enough to be a typo (at most 2
    /// edits, or a third of the name) or the given text is its beginning; else null.
    /// </summary>
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c =>
                (Name: c, Distance: Distance(given.ToLowerInvariant(), c), Prefix: given.Length > 3 && c.StartsWith(given, StringComparison.OrdinalIgnoreCase))
            )
            .Where(c => c.Prefix || c.Distance <= Math.Max(2, given.Length / 3))
            .OrderBy(c => c.Prefix ? 0 : 1)
            .ThenBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault()
            .Name;
    }

    /// <summary>Every option name and alias the command accepts (its own and its parents' recursive ones, such as --help).</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        var options = result.Command.Options.AsEnumerable();
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    private static OptionResult? OptionOf(SymbolResult? result) =>
        result switch
        {
            OptionResult option => option,
            ArgumentResult { Parent: OptionResult option } => option,
            _ => null,
        };

    /// <summary>A problem with one option's value: missing, of the wrong type, or given more than once.</summary>
    private static string Describe(OptionResult result, string message)
    {
        var option = result.Option;
        string name = result.IdentifierToken?.Value ?? option.Name;
        if (result.Tokens.Count == 0)
        {
            return $"{name}: needs a value";
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        foreach (var token in result.Tokens)
        {
            if (Kind(type, token.Value) is { } expected)
            {
                return $"{name}: '{token.Value}' is not {expected}";
            }
        }

        return option.Arity.MaximumNumberOfValues == 1 && result.Tokens.Count > 1
            ? $"{name}: given more than once ({string.Join(", ", result.Tokens.Select(t => $"'{t.Value}'"))}); give it once"
            : $"{name}: {OneLine(message)}";
    }

    /// <summary>What <paramref name="value"/> should have been when it does not convert to <paramref name="type"/>, else null.</summary>
    private static string? Kind(Type type, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _) ? null
            : long.TryParse(value, NumberStyles.Integer, invariant, out _) ? "an integer in range (-2147483648 to 2147483647)"
            : "an integer",
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : "an integer",
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, invariant, out _) ? null : "a number",
            _ when type == typeof(bool) => bool.TryParse(value, out _) ? null : "true or false",
            _ => null,
        };
    }

    /// <summary>The command as typed: <c>mbsim sweep predictors</c> (a command parsed on its own, as tests do: <c>mbsim run</c>).</summary>
    internal static string CommandPath(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Insert(
                0,
                c.Parent is not null ? c.Command.Name
                    : c.Command is RootCommand ? "mbsim"
                    : "mbsim " + c.Command.Name
            );
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
}
