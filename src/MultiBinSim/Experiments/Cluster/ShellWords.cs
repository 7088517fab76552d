using System.Text.RegularExpressions;

namespace MultiBinSim.Experiments.Cluster;

/// <summary>Quoting for POSIX shells (bash): any string becomes one word, taken literally.</summary>
public static partial class ShellWords
{
    /// <summary>
    /// <paramref name="word"/> as one literal shell word: unchanged when it has only characters no shell treats
    /// specially, else in single quotes (an embedded <c>'</c> becomes <c>'\''</c>).
    /// </summary>
    public static string Quote(string word) =>
        word.Length > 0 && Plain().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The words quoted and joined by spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    [GeneratedRegex(@"^[A-Za-z0-9_./:=,+@%-]+$")]
    private static partial Regex Plain();
}
