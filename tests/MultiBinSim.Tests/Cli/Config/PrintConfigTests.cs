using System.CommandLine;
using MultiBinSim.Cli;
using MultiBinSim.Experiments;

namespace MultiBinSim.Tests.Cli.Config;

/// <summary>
/// <c>--print-config</c> writes the resolved configuration, and <c>--config</c> reads it back to the same run: for
/// <c>mbsim run</c> the same <see cref="RunSpec"/> (its canonical JSON, which test keys hash), for every command the same
/// value of every option.
/// </summary>
public class PrintConfigTests
{
    public static TheoryData<string, string> RunCommandLines()
    {
        var data = new TheoryData<string, string>();
        foreach (string format in new[] { "toml", "yaml" })
        {
            foreach (
                string line in new[]
                {
                    "",
                    "--requests 5000 --scheduler multi_bin_paper --k 8 --gpus 4 --max-wait 0.01 --json",
                    "--predictor noisy-oracle --predictor-sigma 0.3 --drop-failed --real-timestamps --d-sla 0.125 --kv-per-token 3.3e-06",
                    "--engine continuous --gpus 2 --admission multi-bin --batching dynamic --k 3 --slo-tpot 0.05 --batch-max 40",
                    "--engine continuous --prefill-replicas 1 --decode-replicas 2 --step-model roofline:Llama-3-8B@H100-80GB --decode-admission multi-bin",
                    "--engine continuous --policy vllm-v1 --prefix-share 0.5 --prefix-groups 4 --prefix-caching on --max-batched-tokens 1024",
                }
            )
            {
                data.Add(format, line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RunCommandLines))]
    public void A_printed_run_configuration_reads_back_to_the_same_run(string format, string commandLine)
    {
        using var tmp = new TempFiles();
        string[] args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string printed = Print(RunCommand.Create(), [.. args, "--print-config", format]);
        string path = tmp.Write("run." + format, printed);
        var run = RunCommand.CreateForTests();
        var direct = run.Spec(run.Command.Parse(args));
        var again = RunCommand.CreateForTests();
        var fromFile = again.Spec(ConfigInvocation.Parse(again.Command, ["--config", path]));
        Assert.Equal(CanonicalConfiguration.Serialize(direct), CanonicalConfiguration.Serialize(fromFile));
        // Printing the file's configuration prints the file.
        Assert.Equal(printed, Print(RunCommand.Create(), ["--config", path, "--print-config"]));
    }

    [Fact]
    public void A_printed_configuration_holds_only_the_options_of_its_engine()
    {
        string batch = Print(RunCommand.Create(), ["--print-config"]);
        Assert.Contains("[scheduler]\n", batch, StringComparison.Ordinal);
        Assert.DoesNotContain("[policy]", batch, StringComparison.Ordinal);
        Assert.DoesNotContain("slo-ttft", batch, StringComparison.Ordinal);
        string continuous = Print(RunCommand.Create(), ["--engine", "continuous", "--print-config"]);
        Assert.Contains("[policy]\npolicy = \"vllm\"\n", continuous, StringComparison.Ordinal);
        Assert.DoesNotContain("[scheduler]", continuous, StringComparison.Ordinal);
        Assert.DoesNotContain("\nk = ", continuous, StringComparison.Ordinal); // K bins only multi-bin admission
    }

    [Fact]
    public void Defaults_whose_absence_matters_stay_unset_with_the_reason()
    {
        string printed = Print(RunCommand.Create(), ["--engine", "continuous", "--prefill-replicas", "1", "--decode-replicas", "2", "--print-config"]);
        Assert.Contains("# gpus: left unset (a disaggregated run has --prefill-replicas + --decode-replicas GPUs)", printed, StringComparison.Ordinal);
        Assert.Contains(
            "\ngpus = 3\n",
            Print(RunCommand.Create(), ["--engine", "continuous", "--prefill-replicas", "1", "--decode-replicas", "2", "--gpus", "3", "--print-config"]),
            StringComparison.Ordinal
        );
        Assert.Contains("# rps-scaling: left unset", Print(SuiteCommand.Create(), ["--load", "all", "--print-config"]), StringComparison.Ordinal);
        Assert.Contains("rps-scaling = 200.0", Print(SuiteCommand.Create(), ["--print-config"]), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> CommandLines() =>
        new()
        {
            { "run", "--requests-out requests.parquet --seed 3" },
            { "suite", "--step 1 --step 3 --max-requests 5000 --load medium --seeds 2 --no-charts --out 'my results'" },
            { "suite", "--engine continuous --policy sarathi --k-sweep-at knee --slurm-script 4" },
            { "capacity", "--gpus 1,2 --schedulers static_fifo --k 2,4 --target 0.2" },
            { "capacity", "--engine continuous --policies vllm,orca --attainment 0.8 --shard 2/3" },
            { "predictors", "--capacity-search --target 0.3 --gpus 4" },
            { "pd-ratio", "--gpus 6 --kv-transfer-gbps 12.5 --capacity-search false" },
        };

    /// <summary>Every command that takes --config reads back its own printed configuration to the same value of every option.</summary>
    [Theory]
    [MemberData(nameof(CommandLines))]
    public void Every_command_reads_back_every_option_it_printed(string name, string commandLine)
    {
        foreach (string format in new[] { "toml", "yaml" })
        {
            using var tmp = new TempFiles();
            string[] args = Words(commandLine);
            var command = Command(name);
            string printed = Print(command, [.. args, "--print-config", format]);
            var direct = command.Parse(args);
            var fromFile = ConfigInvocation.Parse(Command(name), ["--config", tmp.Write("c." + format, printed)]);
            Assert.Empty(fromFile.Errors);
            foreach (var option in command.Options.Where(o => OptionSections.SectionOf(o) is not null))
            {
                var other = fromFile.CommandResult.Command.Options.Single(o => o.Name == option.Name);
                Assert.True(
                    Equals(ResolvedConfig.ValueOf(direct, option), ResolvedConfig.ValueOf(fromFile, other)) || SameArray(direct, option, fromFile, other),
                    $"{name} {option.Name} ({format}): {ResolvedConfig.ValueOf(direct, option)?.Written} became {ResolvedConfig.ValueOf(fromFile, other)?.Written}"
                );
            }
        }
    }

    [Fact]
    public void Print_config_runs_nothing_and_checks_the_options()
    {
        var error = new StringWriter();
        Assert.Equal(2, MultiBinSim.Cli.ConfigInvocation.Invoke(RunCommand.Create(), ["--policy", "sarathi", "--print-config"], TextWriter.Null, error));
        Assert.Equal("error: --policy: applies to --engine continuous only (this command runs --engine batch).", error.ToString().TrimEnd());
        error = new StringWriter();
        Assert.Equal(2, MultiBinSim.Cli.ConfigInvocation.Invoke(RunCommand.Create(), ["--k", "0", "--print-config"], TextWriter.Null, error));
        Assert.StartsWith("error: --k: ", error.ToString(), StringComparison.Ordinal);
        error = new StringWriter();
        Assert.Equal(2, MultiBinSim.Cli.ConfigInvocation.Invoke(RunCommand.Create(), ["--print-config", "json"], TextWriter.Null, error));
        Assert.Equal("error: --print-config: expected toml or yaml (got 'json')", error.ToString().TrimEnd());
    }

    [Fact]
    public void Print_config_writes_the_format_of_the_config_file_by_default()
    {
        using var tmp = new TempFiles();
        string yaml = Print(RunCommand.Create(), ["--config", tmp.Write("c.yml", "workload:\n  requests: 10\n"), "--print-config"]);
        Assert.Contains("workload:\n  requests: 10\n", yaml, StringComparison.Ordinal);
        Assert.Contains("[workload]\nrequests = 1000000\n", Print(RunCommand.Create(), ["--print-config"]), StringComparison.Ordinal);
    }

    private static bool SameArray(ParseResult a, Option option, ParseResult b, Option other) =>
        ResolvedConfig.ValueOf(a, option) is { Value: IReadOnlyList<ConfigValue> x }
        && ResolvedConfig.ValueOf(b, other) is { Value: IReadOnlyList<ConfigValue> y }
        && x.SequenceEqual(y);

    private static Command Command(string name) =>
        name switch
        {
            "run" => RunCommand.Create(),
            "suite" => SuiteCommand.Create(),
            "capacity" => CapacityCommand.Create(),
            "predictors" => SweepCommand.Create().Subcommands.Single(c => c.Name == "predictors"),
            "pd-ratio" => SweepCommand.Create().Subcommands.Single(c => c.Name == "pd-ratio"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

    /// <summary>Words split at spaces, '...' kept together.</summary>
    private static string[] Words(string line) => System.Text.RegularExpressions.Regex.Matches(line, "'[^']*'|\\S+").Select(m => m.Value.Trim('\'')).ToArray();

    private static string Print(Command command, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ConfigInvocation.Invoke(command, args, output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString().ReplaceLineEndings("\n");
    }
}
