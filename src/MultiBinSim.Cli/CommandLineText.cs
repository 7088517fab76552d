namespace MultiBinSim.Cli;

/// <summary>The command line as typed (<c>mbsim suite --max-requests 1000 ...</c>), for the results folders' front pages.</summary>
internal static class CommandLineText
{
    public static string Current { get; } = Of(Environment.GetCommandLineArgs().Skip(1));

    /// <summary>"mbsim" and the arguments, each quoted when it holds a space or a quote.</summary>
    public static string Of(IEnumerable<string> args) => "mbsim" + string.Concat(args.Select(a => " " + Quote(a)));

    private static string Quote(string a) =>
        a.Length == 0 || a.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : a;
}
