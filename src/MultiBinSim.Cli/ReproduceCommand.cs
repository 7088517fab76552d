using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MultiBinSim.Errors;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Reporting;

namespace MultiBinSim.Cli;

/// <summary>
/// <c>mbsim reproduce NAME... | all</c>: runs the papers' figures (see <see cref="Reproductions"/>), writes DIR/NAME.csv
/// and DIR/NAME.html, and prints one line per published number. Exit code 0 when everything ran (whatever the
/// comparisons say), 2 for an invalid option or unknown name, and with <c>--check</c> 3 when a checkable comparison is
/// outside its tolerance.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>Exit code of <c>--check</c> when a comparison is outside its tolerance.</summary>
    public const int OutsideTolerance = 3;

    /// <summary>The genuine traces beside the repository (read-only shared data), used when present.</summary>
    private const string DefaultTraces = "../shared/data/traces";

    public static Command Create()
    {
        var names = new Argument<string[]>("NAME")
        {
            Description = $"Reproductions to run, or 'all': {string.Join(", ", Reproductions.Names)}.",
            Arity = ArgumentArity.OneOrMore,
        }.Binds("Reproduction.Names");
        var output = new Option<string>("--out")
        {
            Description = "Folder for NAME.csv and NAME.html.",
            DefaultValueFactory = _ => ReproductionOptions.DefaultOutputFolder,
        }.Binds("Reproduction.OutputFolder");
        var quick = new Option<bool>("--quick") { Description = "Smaller runs (fewer seeds, rates and requests; sizes in the README) for CI." };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Simulations run at once (results are identical for any value).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }
            .Binds("Parallelism")
            .Binds("Reproduction.Parallelism");
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per point (default: the paper's 10, 2 with --quick)." }
            .Binds("Seeds")
            .Binds("Reproduction.Seeds");
        var traces = new Option<string?>("--traces")
        {
            Description = $"Folder of genuine traces that length-driven figures also run on (default: {DefaultTraces} when it exists; 'none' to skip).",
        }.Binds("Reproduction.GenuineTraceFolder");
        var json = new Option<bool>("--json") { Description = "Print a JSON list (files, comparisons) instead of text." };
        var check = new Option<bool>("--check")
        {
            Description = $"Exit with code {OutsideTolerance} when a published number is outside its tolerance (for CI).",
        };
        var command = new Command("reproduce", "Reproduce the papers' simulated figures beside their published numbers.")
        {
            names,
            output,
            quick,
            parallel,
            seeds,
            traces,
            json,
            check,
        };
        var slurm = new SlurmOptionSet(command, addShard: true);
        command.SetAction(parse =>
        {
            int code = 0;
            int guarded = CliErrors.Guard(() =>
            {
                try
                {
                    var options = new ReproductionOptions
                    {
                        OutputFolder = parse.GetValue(output)!,
                        Quick = parse.GetValue(quick),
                        Parallelism = parse.GetValue(parallel),
                        Seeds = parse.GetValue(seeds),
                        GenuineTraceFolder = parse.GetValue(traces) switch
                        {
                            null => Directory.Exists(DefaultTraces) ? DefaultTraces : null,
                            "none" => null,
                            var folder => folder,
                        },
                    };
                    var shard = slurm.ParseShard(parse);
                    code = slurm.WriteScriptIfAsked(parse, options, parse.GetValue(names)!, shard)
                        ? 0
                        : Run(parse.GetValue(names)!, options, shard, parse.GetValue(json), parse.GetValue(check));
                }
                catch (ConfigurationException e)
                {
                    Console.Error.WriteLine("error: " + string.Join("; ", e.Errors.Select(x => $"{OptionBindings.FlagFor(x.Property)}: {x.Message}")));
                    code = e.ExitCode;
                }
            });
            return guarded != 0 ? guarded : code;
        });
        return command;
    }

    private static int Run(string[] names, ReproductionOptions options, (int Index, int Count) shard, bool json, bool check)
    {
        options.Validate();
        // --shard I/N: the figures at positions I-1, I-1+N, ... of the resolved list (the Slurm script's work list).
        var selected = Reproductions.Resolve(names).Where((_, i) => i % shard.Count == shard.Index - 1).ToList();
        var outcomes = new List<ReproductionOutcome>();
        foreach (var reproduction in selected)
        {
            var watch = Stopwatch.StartNew();
            var result = reproduction.Run(options);
            var files = ReproductionWriter.Write(result, options.OutputFolder, options);
            outcomes.Add(new ReproductionOutcome(result, files));
            if (!json)
            {
                Console.WriteLine(
                    $"{result.Name}: {result.Title} ({result.Paper}); {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s"
                );
                Console.WriteLine($"  wrote {files.CsvPath} and {files.HtmlPath}");
                foreach (string line in ReproductionReport.Lines(result))
                {
                    Console.WriteLine("  " + line);
                }
            }
        }

        // The folder's front page, from every reproduction it holds (earlier runs' too).
        string index = ReproductionIndex.Write(options.OutputFolder, CommandLineText.Current);
        if (json)
        {
            Console.WriteLine(ReproductionReport.ToJson(outcomes, options));
        }
        else
        {
            Console.WriteLine($"Front page: {index}");
        }

        int outside = outcomes.Sum(o => o.Result.Comparisons.Count(c => c.WithinTolerance == false));
        if (!json)
        {
            Console.WriteLine(
                outside == 0
                    ? "Every checkable published number is within its tolerance."
                    : $"{outside} published number{(outside > 1 ? "s are" : " is")} OUTSIDE tolerance (see the lines marked OUTSIDE)."
            );
        }

        return check && outside > 0 ? OutsideTolerance : 0;
    }
}
