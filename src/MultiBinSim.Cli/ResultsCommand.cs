using System.CommandLine;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim results merge OUT DIR...</c>: merge result stores (e.g. shards) without duplicates.</summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("OUT") { Description = "The store to merge into (created if missing)." };
        var inputs = new Argument<string[]>("DIR") { Description = "Result folders to merge.", Arity = ArgumentArity.OneOrMore }.Binds("Inputs");
        var merge = new Command("merge", "Merge result stores into OUT: one row per test key, successes preferred.") { output, inputs };
        merge.SetAction(
            (parse, cancellation) =>
                CliErrors.GuardAsync(async () =>
                {
                    var (rows, duplicates) = await ResultsMerger.MergeAsync(
                        parse.GetValue(output)!,
                        parse.GetValue(inputs)!,
                        new SuiteChartWriter(CommandLineText.Current),
                        cancellation
                    );
                    Console.WriteLine(
                        $"Merged {rows} distinct tests into {parse.GetValue(output)} ({duplicates} duplicate rows dropped; charts and front page {IndexHtml.FileName} written)."
                    );
                    return 0;
                })
        );
        return new Command("results", "Work with result stores.") { merge };
    }
}
