using System.CommandLine;
using System.Globalization;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Workloads;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim suite</c>: the three-step stress suite into a crash-safe, resumable result store.</summary>
internal static class SuiteCommand
{
    private static readonly SuiteOptions SuiteDefaults = new();

    public static Command Create()
    {
        var step = new Option<string[]>("--step")
        {
            Description =
                "Step to run: 1 (request scaling), 2 (GPU scaling), 3 (K sensitivity), all (1-3), grid (requests x GPUs x K) or compare (four methods per size, the last at the grid's optimal configuration); repeatable.",
            DefaultValueFactory = _ => ["all"],
            AllowMultipleArgumentsPerToken = true,
        }
            .In(ConfigSection.Suite)
            .Binds("Steps");
        var maxRequests = new Option<int>("--max-requests")
        {
            Description = "Largest N (Step 1 runs 1K, 10K, ... up to it; Steps 2 and 3 run at it).",
            DefaultValueFactory = _ => SuiteDefaults.MaxRequests,
        }
            .In(ConfigSection.Suite)
            .Binds("MaxRequests");
        var maxGpus = new Option<int>("--max-gpus")
        {
            Description = "Largest GPU count of Step 2 (1, 2, 4, ..., 64, 100).",
            DefaultValueFactory = _ => SuiteDefaults.MaxGpus,
        }
            .In(ConfigSection.Suite)
            .Binds("MaxGpus");
        var bestGpus = new Option<int?>("--best-gpu-count")
        {
            Description = "GPU count for Step 3 (default: Step 2's best capacity under SLA, from the store).",
        }
            .In(ConfigSection.Suite)
            .Binds("BestGpuCount");
        var kSweepAt = new Option<string>("--k-sweep-at")
        {
            Description =
                "Step 3's GPU count: best-capacity (Step 2's highest capacity under SLA), knee (the fewest GPUs with SLA violation <= 10 % in Step 2) or a number G.",
            DefaultValueFactory = _ => EnumNames.Name(SuiteDefaults.KSweepAt),
        }
            .In(ConfigSection.Suite)
            .Binds("KSweepAt");
        var load = new Option<string?>("--load")
        {
            Description =
                "Load level: low, medium, high (arrival rate x1, x10, x100 of the trace's, the original simulator's levels) or all; each level runs into OUT/LEVEL. An explicit --rps-scaling overrides a single level's multiplier.",
        }
            .In(ConfigSection.Suite)
            .Binds("LoadLevel");
        var output = new Option<string>("--out") { Description = "Results folder.", DefaultValueFactory = _ => SuiteDefaults.OutputFolder }.In(
            ConfigSection.Output
        );
        var parallel = new Option<int>("--parallel") { Description = "Tests run at once.", DefaultValueFactory = _ => Environment.ProcessorCount }
            .In(ConfigSection.Execution)
            .Binds("Parallelism");
        var force = new Option<bool>("--force") { Description = "Recompute tests already stored with success." }.In(ConfigSection.Execution);
        var shard = new Option<string>("--shard")
        {
            Description = "Run slice I of N of the test list (e.g. 2/8), for cluster job arrays.",
            DefaultValueFactory = _ => "1/1",
        }
            .In(ConfigSection.Execution)
            .Binds("Shard")
            .Binds("SlurmShard");
        var noCharts = new Option<bool>("--no-charts") { Description = "Do not write OUT/charts." }.In(ConfigSection.Output);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object (each step's rows and the files written) on stdout; progress goes to stderr.",
        }.In(ConfigSection.Output);
        var seeds = new Option<int>("--seeds")
        {
            Description = "Run every test with N seeds derived from --seed; summaries and charts add 95 % confidence intervals.",
            DefaultValueFactory = _ => SuiteDefaults.Seeds,
        }
            .In(ConfigSection.Suite)
            .Binds("Seeds");

        var command = new Command("suite", "Run the stress suite (request scaling, GPU scaling, K sensitivity) into a resumable result store.")
        {
            step,
            maxRequests,
            maxGpus,
            bestGpus,
            kSweepAt,
            load,
            output,
            parallel,
            force,
            shard,
            noCharts,
            seeds,
            json,
        };
        var workload = new WorkloadOptionSet();
        workload.AddTo(command);
        var scheduler = new SchedulerOptionSet();
        scheduler.AddTo(command, perTest: true);
        var continuous = ContinuousOptionSet.AddTo(command);
        var pools = DisaggregationOptionSet.AddTo(command, continuous, scheduler);
        var slurm = new SlurmOptionSet(command);
        var config = ConfigOptionSet.AddTo(command);
        workload.RpsScaling.StaysImplicitWhen(parse => parse.GetValue(load) is not null, "each --load level sets its own unless --rps-scaling is given");
        var scopes = OptionScopes
            .Create(command, continuous.Engine)
            .Add(OptionScopes.Both, step, maxRequests, maxGpus, bestGpus, kSweepAt, load, output, parallel, force, shard, noCharts, seeds, json);
        config.Declare(scopes);
        workload.Declare(scopes, continuous);
        scheduler.Declare(scopes, continuous);
        continuous.Declare(scopes);
        pools.Declare(scopes);
        slurm.Declare(scopes);
        command.SetAction(
            (parse, cancellation) =>
                CliErrors.GuardAsync(async () =>
                {
                    scopes.Check(parse);
                    var stdout = parse.GetValue(json) ? JsonOutput.Begin() : null;
                    var (rule, atGpus) = ParseKSweepAt(parse.GetValue(kSweepAt)!, parse.GetValue(bestGpus));
                    var schedulerOptions = scheduler.Read(parse);
                    // Disaggregated: P:D is the split at P + D GPUs; every test keeps its ratio at its own GPU count.
                    var engineConfig = pools.Apply(
                        parse,
                        continuous.Apply(parse, new Simulation.SimulationConfig { Scheduler = schedulerOptions }),
                        gpusGiven: false
                    );
                    var options = new SuiteOptions
                    {
                        Engine = engineConfig.Engine,
                        Continuous = engineConfig.Continuous,
                        KSweepAt = rule,
                        Steps = ParseSteps(parse.GetValue(step)!),
                        MaxRequests = parse.GetValue(maxRequests),
                        MaxGpus = parse.GetValue(maxGpus),
                        BestGpuCount = atGpus,
                        Workload = workload.Read(parse, requests: null),
                        CalibrationPath = parse.GetValue(workload.Calibration),
                        Seeds = parse.GetValue(seeds),
                        OutputFolder = parse.GetValue(output)!,
                        Parallelism = parse.GetValue(parallel),
                        Force = parse.GetValue(force),
                        Shard = SuiteOptions.ParseShard(parse.GetValue(shard)!),
                        WriteCharts = !parse.GetValue(noCharts),
                        Scheduler = schedulerOptions,
                    };
                    if (parse.GetValue(load) is { } loadText)
                    {
                        var plan = LoadLevelSuite.Plan(options, loadText, explicitScaling: parse.GetResult(workload.RpsScaling) is { Implicit: false });
                        if (parse.GetValue(slurm.SlurmScriptShards) is not null)
                        {
                            throw new MultiBinSim.Errors.ConfigurationException(
                                nameof(SuiteOptions.LoadLevel),
                                "--slurm-script with --load: write one script per level with --rps-scaling 1, 10 or 100 and its own --out"
                            );
                        }

                        int failed = 0;
                        var summaries = new List<(string Level, SuiteSummary Summary)>();
                        foreach (var (level, levelOptions) in plan.Levels)
                        {
                            AnsiConsole.MarkupLine(
                                $"[bold]Load level {Markup.Escape(LoadLevels.Describe(level))}[/] into {Markup.Escape(levelOptions.OutputFolder)}"
                            );
                            SayIfLocked(levelOptions.OutputFolder);
                            var levelSummary = await SuiteProgressView.RunAsync(levelOptions, cancellation, lines: stdout is not null);
                            if (stdout is null)
                            {
                                SuiteSummaryTable.Print(levelSummary, levelOptions);
                            }

                            summaries.Add((LoadLevels.Name(level), levelSummary));
                            failed += levelSummary.Failed;
                        }

                        // OUT's own front page links each level's.
                        Reporting.ResultsIndex.WriteFromDisk(plan.OutputFolder, CommandLineText.Current);
                        if (stdout is not null)
                        {
                            JsonOutput.Write(stdout, j =>
                            {
                                j.WriteStartObject();
                                j.WriteStartArray("levels");
                                foreach (var (name, levelSummary) in summaries)
                                {
                                    SuiteSummaryTable.WriteJson(j, levelSummary, name);
                                }

                                j.WriteEndArray();
                                j.WriteEndObject();
                            });
                        }

                        return failed == 0 ? 0 : 3;
                    }

                    if (slurm.WriteScriptIfAsked(parse, options))
                    {
                        return 0;
                    }
                    SayIfLocked(options.OutputFolder);
                    var summary = await SuiteProgressView.RunAsync(options, cancellation, lines: stdout is not null);
                    if (stdout is not null)
                    {
                        JsonOutput.Write(stdout, j => SuiteSummaryTable.WriteJson(j, summary, level: null));
                    }
                    else
                    {
                        SuiteSummaryTable.Print(summary, options);
                    }

                    return summary.Failed == 0 ? 0 : 3;
                })
        );
        return command;
    }

    /// <summary>
    /// Says on stderr when another process holds <paramref name="folder"/>'s lock, before the suite waits for it (the
    /// store waits, then fails with its own message): a second suite is never silently stuck.
    /// </summary>
    internal static void SayIfLocked(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        try
        {
            using var probe = Storage.StoreLock.Acquire(folder, TimeSpan.Zero);
        }
        catch (Storage.ResultStoreException)
        {
            Console.Error.WriteLine(
                $"waiting for the lock on {Path.GetFullPath(folder)} held by another mbsim process (lock file {Storage.StoreLock.FileName})"
            );
        }
    }

    /// <summary><c>--k-sweep-at</c>: a rule name or a GPU count (the same as <c>--best-gpu-count</c>, which it must not contradict).</summary>
    private static (KSweepRule Rule, int? Gpus) ParseKSweepAt(string value, int? bestGpuCount)
    {
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int gpus))
        {
            if (gpus < 1 || (bestGpuCount is { } other && other != gpus))
            {
                throw new MultiBinSim.Errors.ConfigurationException(
                    nameof(SuiteOptions.KSweepAt),
                    gpus < 1 ? $"a GPU count must be at least 1 (got {value})" : $"{gpus} contradicts --best-gpu-count {bestGpuCount}; give one of them"
                );
            }

            return (KSweepRule.BestCapacity, gpus);
        }

        var rule = EnumNames.TryParse<KSweepRule>(value)
            ?? throw new MultiBinSim.Errors.ConfigurationException(
                nameof(SuiteOptions.KSweepAt),
                $"expected {string.Join(", ", EnumNames.All<KSweepRule>())} or a GPU count (got '{value}')"
            );
        return (rule, bestGpuCount);
    }

    private static int[] ParseSteps(string[] values)
    {
        var steps = new SortedSet<int>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                steps.UnionWith(SuiteStep.All);
            }
            else if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) && s is >= 1 and <= 3)
            {
                steps.Add(s);
            }
            else if (value.Equals("grid", StringComparison.OrdinalIgnoreCase))
            {
                steps.Add(SuiteStep.Grid);
            }
            else if (value.Equals("compare", StringComparison.OrdinalIgnoreCase))
            {
                steps.Add(SuiteStep.Compare);
            }
            else
            {
                throw new Errors.ConfigurationException(nameof(SuiteOptions.Steps), $"must be 1, 2, 3, all, grid or compare (got '{value}')");
            }
        }

        return steps.ToArray();
    }
}
