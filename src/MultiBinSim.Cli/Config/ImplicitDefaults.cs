using System.CommandLine;
using System.Runtime.CompilerServices;

namespace MultiBinSim.Cli;

/// <summary>
/// Options whose default, in some runs, differs from the same value given explicitly, declared where that difference is
/// made: without <c>--gpus</c> a disaggregated run has P + D GPUs (given, it must equal P + D); without
/// <c>--kv-per-token</c> a KV transfer moves a roofline model's bytes; without <c>--rps-scaling</c> each <c>--load</c>
/// level sets its own. <c>--print-config</c> leaves such an option unset (a comment with the reason) when the command
/// line did not give it, so that the printed file reproduces the run.
/// </summary>
internal static class ImplicitDefaults
{
    private static readonly ConditionalWeakTable<Option, List<(Func<ParseResult, bool> When, string Why)>> Declared = [];

    /// <summary>Declares that when <paramref name="when"/> holds, <paramref name="option"/>'s default must stay implicit, for <paramref name="why"/>.</summary>
    public static T StaysImplicitWhen<T>(this T option, Func<ParseResult, bool> when, string why)
        where T : Option
    {
        ArgumentNullException.ThrowIfNull(option);
        Declared.GetOrCreateValue(option).Add((when, why));
        return option;
    }

    /// <summary>Why <paramref name="option"/>'s default must stay implicit in <paramref name="parse"/>'s run, or null when it may be written out.</summary>
    public static string? Reason(Option option, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Declared.TryGetValue(option, out var rules) ? rules.FirstOrDefault(r => r.When(parse)).Why : null;
    }
}
