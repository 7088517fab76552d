using System.CommandLine;
using System.CommandLine.Parsing;
using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Cluster;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Storage;

namespace MultiBinSim.Cli;

/// <summary>
/// <c>--slurm-script N</c> (and, for commands without their own, <c>--shard I/N</c>): instead of running, write
/// <c>OUT/submit.sh</c>, which runs the command on a Slurm cluster as job arrays of N shards, merges and a final run on
/// the merged folder (<see cref="SlurmScript"/>). Every option the user gave is passed through unchanged, except the
/// ones the script sets itself (<c>--out</c>, <c>--shard</c>, <c>--parallel</c>) and those it places (<c>--step</c> per
/// stage, <c>--force</c> in the shards only, <c>--no-charts</c> in the final run only).
/// A command hooks it in with three lines: <c>var slurm = new SlurmOptionSet(command);</c> after its options,
/// (<c>Shard = slurm.ParseShard(parse),</c> when the set adds <c>--shard</c>), and
/// <c>if (slurm.WriteScriptIfAsked(parse, options)) { return 0; }</c> once its options are built. A future
/// <c>mbsim reproduce</c> does the same with an overload that lists its stages: each stage whose tests need an earlier
/// stage's stored results (as Step 3 needs Step 2's best GPU count) becomes a job array that depends on the previous
/// merge and seeds each shard from the merged folder (<see cref="SlurmStage.SeedFromOutput"/>).
/// </summary>
internal sealed class SlurmOptionSet
{
    /// <summary>
    /// Options not passed through: those the script sets itself, and --config / --print-config (the file's options are
    /// on the command line by then, <see cref="ConfigInvocation"/>).
    /// </summary>
    private static readonly HashSet<string> SetByScript =
    [
        "--slurm-script",
        "--out",
        "--shard",
        "--parallel",
        "--force",
        "--no-charts",
        "--step",
        "--config",
        "--print-config",
    ];

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    /// <param name="command">The command to extend.</param>
    /// <param name="addShard">Also add <c>--shard I/N</c> (for commands that do not have it).</param>
    public SlurmOptionSet(Command command, bool addShard = false)
    {
        command.Options.Add(SlurmScriptShards);
        if (addShard)
        {
            Shard = new Option<string>("--shard")
            {
                Description = "Run slice I of N of the work list (e.g. 2/8), for cluster job arrays.",
                DefaultValueFactory = _ => "1/1",
            }
                .In(ConfigSection.Execution)
                .Binds("Shard")
                .Binds("SlurmShard");
            command.Options.Add(Shard);
        }
    }

    /// <summary>Declares the set's options as shared by both engines (the script passes the engine's options through).</summary>
    public OptionScopes Declare(OptionScopes scopes) => scopes.Add(OptionScopes.Both, Shard is null ? [SlurmScriptShards] : [SlurmScriptShards, Shard]);

    /// <summary><c>--slurm-script N</c>: the number of shards of the script to write.</summary>
    public Option<int?> SlurmScriptShards { get; } =
        new Option<int?>("--slurm-script")
        {
            Description =
                "Write OUT/submit.sh, which runs this command on a Slurm cluster as N shards, merges and a final run into OUT (bash submit.sh on a login node), and run nothing here.",
        }
            .In(ConfigSection.Execution)
            .Binds("SlurmJob.Shards");

    /// <summary><c>--shard I/N</c>, when this set added it.</summary>
    public Option<string>? Shard { get; }

    /// <summary>The parsed <c>--shard</c> (1/1 when this set did not add it).</summary>
    public (int Index, int Count) ParseShard(ParseResult parse) => Shard is null ? (1, 1) : SuiteOptions.ParseShard(parse.GetValue(Shard)!);

    /// <summary>Writes <c>OUT/submit.sh</c> for <c>mbsim suite</c> when <c>--slurm-script</c> was given; returns whether it did.</summary>
    public bool WriteScriptIfAsked(ParseResult parse, SuiteOptions options)
    {
        if (parse.GetValue(SlurmScriptShards) is not { } shards)
        {
            return false;
        }

        options.Validate();
        RefuseShard(options.Shard);
        int[] steps = options.Steps.Distinct().Order().ToArray();
        IReadOnlyList<int> Indices(IEnumerable<int> some) => some.SelectMany(s => SuitePlanner.TestIndices(s, options.MaxRequests, options.MaxGpus)).ToArray();
        string output = Path.GetFullPath(options.OutputFolder);
        var stages = new List<SlurmStage>();
        if (steps.Contains(SuiteStep.KSensitivity) && options.BestGpuCount is null)
        {
            // Step 3 runs on Step 2's best GPU count, which only the merged store knows: a stage of its own after a merge.
            int[] before = steps.Where(s => s != SuiteStep.KSensitivity).ToArray();
            if (before.Length > 0)
            {
                stages.Add(SuiteStage(before, Indices(before), seed: false));
            }

            bool stored = File.Exists(Path.Combine(output, ResultStore.CsvName));
            stages.Add(SuiteStage([SuiteStep.KSensitivity], Indices([SuiteStep.KSensitivity]), seed: before.Length > 0 || stored));
        }
        else
        {
            stages.Add(SuiteStage(steps, Indices(steps), seed: false));
        }

        var job = Job(parse, "suite", output, shards, stages) with
        {
            ShardArguments = [.. options.Force ? ["--force"] : Array.Empty<string>(), "--no-charts"],
            FinalArguments = [.. StepArguments(steps), .. options.WriteCharts ? Array.Empty<string>() : ["--no-charts"]],
        };
        Write(job);
        return true;
    }

    /// <summary>Writes <c>OUT/submit.sh</c> for <c>mbsim capacity</c> when <c>--slurm-script</c> was given; returns whether it did.</summary>
    public bool WriteScriptIfAsked(ParseResult parse, CapacitySweepOptions options)
    {
        if (parse.GetValue(SlurmScriptShards) is not { } shards)
        {
            return false;
        }

        RefuseShard(options.Shard);
        var stage = new SlurmStage
        {
            Name = "capacity",
            Description = "the capacity searches",
            TestIndices = Enumerable.Range(0, CapacitySweep.Plan(options).Count).ToArray(),
        };
        var job = Job(parse, "capacity", Path.GetFullPath(options.OutputFolder), shards, [stage]) with { ShardArguments = options.Force ? ["--force"] : [] };
        Write(job);
        return true;
    }

    /// <summary>
    /// Writes <c>OUT/submit.sh</c> for <c>mbsim reproduce</c> when <c>--slurm-script</c> was given; returns whether it
    /// did. The figures are the shards' work list (shard I runs those at positions I-1, I-1+N, ...); a final job copies
    /// each shard's NAME.csv and NAME.html into OUT. With <c>--check</c> a shard with a number outside tolerance fails,
    /// so the gather job does not run (the shard folders keep their figures).
    /// </summary>
    public bool WriteScriptIfAsked(ParseResult parse, ReproductionOptions options, IReadOnlyList<string> names, (int Index, int Count) shard)
    {
        if (parse.GetValue(SlurmScriptShards) is not { } shards)
        {
            return false;
        }

        options.Validate();
        RefuseShard(shard);
        var figures = Reproductions.Resolve(names);
        var stage = new SlurmStage
        {
            Name = "figures",
            Description = "the figures",
            Arguments = [.. names],
            TestIndices = Enumerable.Range(0, figures.Count).ToArray(),
        };
        var job = Job(parse, "reproduce", Path.GetFullPath(options.OutputFolder), shards, [stage]) with { GatherFiles = true };
        Write(job);
        return true;
    }

    private static SlurmStage SuiteStage(int[] steps, IReadOnlyList<int> indices, bool seed) =>
        new()
        {
            Name = (steps.Length == 1 ? "step-" : "steps-") + string.Join('-', steps),
            Description = (steps.Length == 1 ? "step " : "steps ") + string.Join(", ", steps),
            Arguments = StepArguments(steps),
            TestIndices = indices,
            SeedFromOutput = seed,
        };

    private static string[] StepArguments(int[] steps) => ["--step", string.Join(',', steps)];

    private static void RefuseShard((int Index, int Count) shard)
    {
        if (shard != (1, 1))
        {
            throw new Errors.ConfigurationException("SlurmShard", "cannot be combined with --slurm-script, which makes the shards itself; drop --shard");
        }
    }

    private static SlurmJob Job(ParseResult parse, string command, string output, int shards, IReadOnlyList<SlurmStage> stages) =>
        new()
        {
            Mbsim = MbsimInvocation.Current(),
            Command = command,
            Arguments = GivenOptions(parse),
            OutputFolder = output,
            WorkingDirectory = Environment.CurrentDirectory,
            Shards = shards,
            Stages = stages,
            GeneratedBy = "mbsim " + ShellWords.Join(parse.Tokens.Select(t => t.Value)),
        };

    /// <summary>The options the user gave (not defaults), as command-line words, except those the script sets itself.</summary>
    private static List<string> GivenOptions(ParseResult parse)
    {
        var words = new List<string>();
        foreach (var result in parse.CommandResult.Children.OfType<OptionResult>())
        {
            string name = result.Option.Name;
            if (result.Implicit || SetByScript.Contains(name))
            {
                continue;
            }

            if (result.Tokens.Count == 0)
            {
                words.Add(name);
            }
            else if (result.Option.Arity.MaximumNumberOfValues > 1)
            {
                words.AddRange(result.Tokens.SelectMany(t => new[] { name, t.Value }));
            }
            else
            {
                words.Add(name);
                words.AddRange(result.Tokens.Select(t => t.Value));
            }
        }

        return words;
    }

    private static void Write(SlurmJob job)
    {
        string text;
        try
        {
            text = SlurmScript.Create(job);
        }
        catch (Errors.ConfigurationException e) when (e.Errors.All(error => error.Property == $"{nameof(SlurmJob)}.{nameof(SlurmJob.Shards)}"))
        {
            // The only property a user sets here is the shard count; CliErrors names its flag (--slurm-script).
            throw;
        }

        Directory.CreateDirectory(job.OutputFolder);
        string path = Path.Combine(job.OutputFolder, SlurmScript.FileName);
        Storage.AtomicFile.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        Console.WriteLine($"Wrote {path}: {SlurmScript.Plan(job)}; nothing ran here.");
        Console.WriteLine(
            $"Submit with: bash {ShellWords.Quote(path)}   (MBSIM_CPUS_PER_TASK, default {job.CpusPerTask}, sets each job's CPUs; MBSIM_SBATCH_OPTIONS adds sbatch options)"
        );
    }
}
