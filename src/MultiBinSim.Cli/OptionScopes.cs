using System.CommandLine;
using System.Runtime.CompilerServices;
using MultiBinSim.Errors;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Cli;

/// <summary>
/// Why an option, given explicitly on the command line, cannot affect this command's run on <paramref name="engine"/>
/// (null: it can). <see cref="OptionScopes"/> declares one per option.
/// </summary>
internal delegate string? OptionScope(ParseResult parse, string engine);

/// <summary>
/// Which engine(s) each option of a command belongs to, declared once per option (by the option sets and the commands),
/// and the one check that rejects an explicitly given option that cannot affect the run: <c>mbsim run --policy sarathi</c>
/// on the batch engine is an option error (exit 2) naming the engine the option belongs to, never silently ignored.
/// "Explicitly given" is read from the parse result, not by comparing with defaults.
/// </summary>
internal sealed class OptionScopes
{
    private static readonly ConditionalWeakTable<Command, OptionScopes> ByCommand = [];

    private readonly Dictionary<Option, OptionScope> _scopes = [];
    private readonly Func<ParseResult, string> _engine;

    private OptionScopes(Func<ParseResult, string> engine) => _engine = engine;

    /// <summary>Effective on both engines.</summary>
    public static OptionScope Both { get; } = (_, _) => null;

    /// <summary>Effective on the batch engine only.</summary>
    public static OptionScope Batch { get; } = Only(BatchEngine.EngineName);

    /// <summary>Effective on the continuous engine only.</summary>
    public static OptionScope Continuous { get; } = Only(ContinuousEngine.EngineName);

    /// <summary>Effective on <paramref name="engine"/> only.</summary>
    public static OptionScope Only(string engine) =>
        (_, used) => used == engine ? null : $"applies to --engine {engine} only (this command runs --engine {used})";

    /// <summary>Never effective on this command, for <paramref name="reason"/>.</summary>
    public static OptionScope Never(string reason) => (_, _) => reason;

    /// <summary>
    /// Effective where <paramref name="scope"/> says so and, there, only when <paramref name="condition"/> holds (else rejected for <paramref name="reason"/>).
    /// </summary>
    public static OptionScope Requires(OptionScope scope, Func<ParseResult, bool> condition, string reason) =>
        (parse, engine) => scope(parse, engine) ?? (condition(parse) ? null : reason);

    /// <summary>
    /// Effective where <paramref name="scope"/> says so, and also wherever <paramref name="condition"/> holds (else rejected for <paramref name="reason"/>).
    /// </summary>
    public static OptionScope Either(OptionScope scope, Func<ParseResult, bool> condition, string reason) =>
        (parse, engine) => scope(parse, engine) is null || condition(parse) ? null : reason;

    /// <summary>The scopes of <paramref name="command"/>'s options (declared by its <c>Create</c>), or null for a command without an engine.</summary>
    public static OptionScopes? For(Command command) => ByCommand.TryGetValue(command, out var scopes) ? scopes : null;

    /// <summary>Makes <paramref name="alias"/> (a command built from <paramref name="command"/>'s options, as mbsim-run's root) share its scopes.</summary>
    public static void Alias(Command command, Command alias)
    {
        if (For(command) is { } scopes)
        {
            ByCommand.AddOrUpdate(alias, scopes);
        }
    }

    /// <summary>Starts the declarations of <paramref name="command"/>, whose engine is the value of <paramref name="engine"/>.</summary>
    public static OptionScopes Create(Command command, Option<string> engine)
    {
        var scopes = new OptionScopes(parse => parse.GetValue(engine)!);
        ByCommand.AddOrUpdate(command, scopes);
        return scopes;
    }

    /// <summary>Declares <paramref name="options"/> to be in <paramref name="scope"/>.</summary>
    public OptionScopes Add(OptionScope scope, params IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            _scopes[option] = scope;
        }

        return this;
    }

    /// <summary>The declared scope of <paramref name="option"/>, or null when none is declared.</summary>
    public OptionScope? Of(Option option) => _scopes.GetValueOrDefault(option);

    /// <summary>
    /// Whether <paramref name="option"/> can affect the parsed command's run (an option without a declared scope can; so can every option under an unknown
    /// engine).
    /// </summary>
    public bool Applies(ParseResult parse, Option option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string engine = _engine(parse);
        return !SimulationEngines.Names.Contains(engine) || !_scopes.TryGetValue(option, out var scope) || scope(parse, engine) is null;
    }

    /// <summary>
    /// Why each explicitly given option of the parsed command cannot affect the run, as (flag, reason); empty when
    /// every given option can.
    /// </summary>
    public IReadOnlyList<(string Flag, string Reason)> Rejections(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string engine = _engine(parse);
        var rejections = new List<(string, string)>();
        if (!SimulationEngines.Names.Contains(engine))
        {
            return rejections; // an unknown engine is the engine option's own error
        }

        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (parse.GetResult(option) is { Implicit: false } && _scopes.TryGetValue(option, out var scope) && scope(parse, engine) is { } reason)
            {
                rejections.Add((option.Name, reason));
            }
        }

        return rejections;
    }

    /// <summary>Raises one <see cref="ConfigurationException"/> (exit code 2, one line per option) when some given option cannot affect the run.</summary>
    public void Check(ParseResult parse)
    {
        var rejections = Rejections(parse);
        if (rejections.Count > 0)
        {
            throw new ConfigurationException(rejections.Select(r => new ConfigurationError(r.Flag, r.Reason)).ToList());
        }
    }
}
