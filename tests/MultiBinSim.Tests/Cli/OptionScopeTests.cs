using System.CommandLine;
using System.Globalization;
using System.Text;
using MultiBinSim.Cli;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;

namespace MultiBinSim.Tests.Cli;

/// <summary>
/// An option of the other engine is never silently ignored (issue #23): every option of every command that takes
/// <c>--engine</c> declares the engine(s) it belongs to, and an explicitly given option that cannot affect the run is
/// a one-line option error naming its engine. For <c>mbsim run</c>, each option is run in-process with a value that
/// must change the metrics on the engines it belongs to, and must be rejected on the others.
/// </summary>
public class OptionScopeTests
{
    private const string Batch = "batch";
    private const string Continuous = "continuous";

    private static readonly string[] Both = [Batch, Continuous];

    /// <summary>
    /// Per option of <c>mbsim run</c>: the engines it must be effective on (independently of the declarations under
    /// test), its arguments, and context arguments per engine that make it matter (a binned scheduler, multi-bin
    /// admission, ...). Every option of the command must be listed.
    /// </summary>
    private static readonly Dictionary<string, Probe> Probes = new()
    {
        ["--gpus"] = new(Both, ["--gpus", "2"]),
        ["--requests"] = new(Both, ["--requests", "700"]),
        ["--engine"] = new(Both, ["--engine", "__other__"]),
        ["--dataset"] = new(Both, ["--dataset", "{trace}"], Multi: ["--admission", "multi-bin"]),
        ["--format"] = new(Both, ["--format", "azure"], ["--dataset", "{trace}"], ["--dataset", "{trace}"]),
        ["--rps-scaling"] = new(Both, ["--rps-scaling", "2000"]),
        ["--real-timestamps"] = new(Both, ["--real-timestamps"]),
        ["--drop-failed"] = new(Both, ["--drop-failed"]),
        ["--predictor"] = new(Both, ["--predictor", "oracle"], Multi: ["--admission", "multi-bin", "--policy", "static"]),
        ["--predictor-sigma"] = new(
            Both,
            ["--predictor-sigma", "1.5"],
            ["--predictor", "noisy-oracle"],
            ["--predictor", "noisy-oracle", "--admission", "multi-bin", "--policy", "static"]
        ),
        ["--seed"] = new(Both, ["--seed", "7"], Multi: ["--admission", "multi-bin", "--policy", "static"]),
        ["--calibration"] = new([Batch], ["--calibration", "{calibration}"]),
        // Streaming metrics change the latency percentiles (within 2^-11); the probe reads the mode the run gets.
        ["--metrics-mode"] = new([Batch], ["--metrics-mode", "streaming"], Read: s => s.Simulation.MetricsMode?.ToString() ?? "auto"),
        ["--scheduler"] = new([Batch], ["--scheduler", "static_fifo"]),
        ["--k"] = new(Both, ["--k", "2"], Multi: ["--admission", "multi-bin", "--policy", "static"]),
        ["--bin-policy"] = new(
            Both,
            ["--bin-policy", "longest-queue"],
            ["--rps-scaling", "2000"],
            ["--admission", "multi-bin", "--policy", "static", "--rps-scaling", "2000"]
        ),
        ["--boundary-sample"] = new(Both, ["--boundary-sample", "3"], Multi: ["--admission", "multi-bin", "--policy", "static"]),
        ["--d-sla"] = new(Both, ["--d-sla", "0.2"], Multi: ["--d-sla", "200"]),
        ["--sla-epsilon"] = new([Batch], ["--sla-epsilon", "0.01"]),
        ["--b-min"] = new([Batch], ["--b-min", "8"], ["--rps-scaling", "2000"]),
        ["--b-max"] = new([Batch], ["--b-max", "2"], ["--rps-scaling", "2000"]),
        ["--candidate-pool"] = new([Batch], ["--candidate-pool", "2"], ["--rps-scaling", "2000"]),
        ["--static-batch"] = new([Batch], ["--static-batch", "2"], ["--scheduler", "static_fifo", "--rps-scaling", "2000"]),
        ["--fixed-batch"] = new([Batch], ["--fixed-batch", "2"], ["--scheduler", "multi_bin_fixed", "--rps-scaling", "2000"]),
        ["--max-wait"] = new([Batch], ["--max-wait", "0.01"], ["--scheduler", "multi_bin_paper"]),
        ["--gpu-memory"] = new(Both, ["--gpu-memory", "3.05"], ["--rps-scaling", "2000"]),
        ["--model-memory"] = new(Both, ["--model-memory", "10.95"], ["--rps-scaling", "2000"]),
        ["--kv-per-token"] = new(Both, ["--kv-per-token", "0.0001"], ["--rps-scaling", "2000"]),
        ["--memory-margin"] = new(Both, ["--memory-margin", "9.95"], ["--rps-scaling", "2000"]),
        // The memory algorithms differ only where b_mem binds before the fit-to-memory trim (AlgorithmVariantTests): the
        // value must reach the scheduler's options.
        ["--memory-algorithm"] = new([Batch], ["--memory-algorithm", "paper"], Read: s => s.Simulation.Scheduler),
        ["--memory-epsilon"] = new([Batch], ["--memory-epsilon", "0.3"], ["--memory-algorithm", "paper"], Read: s => s.Simulation.Scheduler),
        ["--sla-algorithm"] = new([Batch], ["--sla-algorithm", "paper"], ["--rps-scaling", "2000"]),
        ["--sla-alpha"] = new([Batch], ["--sla-alpha", "30"], ["--sla-algorithm", "paper", "--rps-scaling", "2000"]),
        ["--sla-delta"] = new([Batch], ["--sla-delta", "40"], ["--sla-algorithm", "paper", "--rps-scaling", "2000"]),
        ["--sla-signal"] = new([Batch], ["--sla-signal", "request-latency"], ["--rps-scaling", "2000"]),
        ["--policy"] = new([Continuous], ["--policy", "sarathi"]),
        ["--step-model"] = new([Continuous], ["--step-model", "seed"]),
        ["--kv-blocks"] = new([Continuous], ["--kv-blocks", "300"], Multi: ["--rps-scaling", "2000"]),
        ["--block-size"] = new([Continuous], ["--block-size", "64"], Multi: ["--kv-blocks", "300", "--rps-scaling", "2000"]),
        ["--max-num-seqs"] = new([Continuous], ["--max-num-seqs", "2"], Multi: ["--rps-scaling", "2000"]),
        ["--max-batched-tokens"] = new([Continuous], ["--max-batched-tokens", "600"], Multi: ["--rps-scaling", "2000"]),
        ["--prefix-caching"] = new([Continuous], ["--prefix-caching", "off"], Multi: ["--policy", "vllm-v1", "--rps-scaling", "2000"]),
        ["--prefix-share"] = new([Continuous], ["--prefix-share", "0.8"], Multi: ["--policy", "vllm-v1", "--rps-scaling", "2000"]),
        ["--prefix-groups"] = new([Continuous], ["--prefix-groups", "1"], Multi: ["--policy", "vllm-v1", "--prefix-share", "0.8", "--rps-scaling", "2000"]),
        ["--chunk-size"] = new([Continuous], ["--chunk-size", "64"], Multi: ["--policy", "sarathi", "--rps-scaling", "2000"]),
        ["--routing"] = new([Continuous], ["--routing", "least-kv"], Multi: ["--gpus", "2", "--rps-scaling", "2000"]),
        ["--admission"] = new([Continuous], ["--admission", "multi-bin"], Multi: ["--policy", "static"]),
        ["--slo-ttft"] = new([Continuous], ["--slo-ttft", "60"]),
        ["--slo-tpot"] = new([Continuous], ["--slo-tpot", "0.3"], Multi: ["--slo-ttft", "1000"]),
        ["--batching"] = new([Continuous], ["--batching", "dynamic"], Multi: ["--slo-tpot", "0.04", "--rps-scaling", "2000"]),
        ["--batch-memory-epsilon"] = new(
            [Continuous],
            ["--batch-memory-epsilon", "0.9"],
            Multi: ["--batching", "dynamic", "--kv-blocks", "300", "--rps-scaling", "2000"]
        ),
        ["--batch-sla-epsilon"] = new(
            [Continuous],
            ["--batch-sla-epsilon", "0.02"],
            Multi: ["--batching", "dynamic", "--slo-tpot", "0.04", "--rps-scaling", "2000"]
        ),
        ["--batch-alpha"] = new([Continuous], ["--batch-alpha", "40"], Multi: ["--batching", "dynamic"]),
        // Algorithm 2's delta did not move the settled batch of these small runs: the value must reach the options.
        ["--batch-delta"] = new([Continuous], ["--batch-delta", "40"], Multi: ["--batching", "dynamic"], Read: s => s.Simulation.Continuous.Dynamic),
        ["--batch-sla-search"] = new(
            [Continuous],
            ["--batch-sla-search", "guarded"],
            Multi: ["--batching", "dynamic", "--slo-tpot", "0.04", "--rps-scaling", "2000"]
        ),
        ["--batch-min"] = new([Continuous], ["--batch-min", "30"], Multi: ["--batching", "dynamic", "--slo-tpot", "0.031", "--rps-scaling", "2000"]),
        ["--batch-max"] = new([Continuous], ["--batch-max", "3"], Multi: ["--batching", "dynamic", "--rps-scaling", "2000"]),
        ["--prefill-replicas"] = new([Continuous], ["--prefill-replicas", "1"], Multi: ["--prefill-replicas", "2", "--decode-replicas", "1"]),
        ["--decode-replicas"] = new([Continuous], ["--decode-replicas", "1"], Multi: ["--prefill-replicas", "1", "--decode-replicas", "2"]),
        ["--kv-transfer-latency"] = new([Continuous], ["--kv-transfer-latency", "0.5"], Multi: Pools),
        ["--kv-transfer-gbps"] = new([Continuous], ["--kv-transfer-gbps", "0.001"], Multi: Pools),
        ["--decode-routing"] = new(
            [Continuous],
            ["--decode-routing", "round-robin"],
            Multi: ["--prefill-replicas", "1", "--decode-replicas", "2", "--rps-scaling", "2000"]
        ),
        ["--decode-max-num-seqs"] = new([Continuous], ["--decode-max-num-seqs", "2"], Multi: Pools),
        ["--decode-admission"] = new(
            [Continuous],
            ["--decode-admission", "multi-bin"],
            Multi: ["--prefill-replicas", "2", "--decode-replicas", "1", "--decode-max-num-seqs", "2"]
        ),
        ["--prefill-step-model"] = new([Continuous], ["--prefill-step-model", "seed"], Multi: Pools),
        ["--decode-step-model"] = new([Continuous], ["--decode-step-model", "seed"], Multi: Pools),
        ["--prefill-kv-blocks"] = new([Continuous], ["--prefill-kv-blocks", "300"], Multi: Pools),
        ["--decode-kv-blocks"] = new([Continuous], ["--decode-kv-blocks", "300"], Multi: Pools),
    };

    /// <summary>A disaggregated context under load: one prefill and one decode replica.</summary>
    private static string[] Pools => ["--prefill-replicas", "1", "--decode-replicas", "1", "--rps-scaling", "2000"];

    /// <summary>Options that change what is printed, not the run; and the configuration file options (Config/ConfigFileTests, PrintConfigTests).</summary>
    private static readonly string[] OutputOnly = ["--json", "--requests-out", "--config", "--print-config"];

    public static TheoryData<string, string> RunOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var option in RunCommand.Create().Options.Where(o => !OutputOnly.Contains(o.Name)))
        {
            data.Add(option.Name, Batch);
            data.Add(option.Name, Continuous);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RunOptions))]
    public void Every_run_option_changes_the_run_on_its_engines_and_is_rejected_on_the_others(string name, string engine)
    {
        Assert.True(Probes.TryGetValue(name, out var probe), $"{name} has no probe: say which engines it must affect, and how");
        using var files = new ProbeFiles();
        string[] context = ["--requests", "1000", "--engine", engine, .. files.Resolve(engine == Batch ? probe.Single : probe.Multi)];
        // The probed option replaces its context value (--requests, --engine, --d-sla), or is added.
        int at = Array.IndexOf(context, name);
        string[] others = at < 0 ? context : [.. context[..at], .. context[(at + 2)..]];
        string[] given = [.. others, .. files.Resolve(probe.Args).Select(a => a == "__other__" ? (engine == Batch ? Continuous : Batch) : a)];
        var run = RunCommand.CreateForTests();
        Assert.Empty(run.Scopes.Rejections(run.Command.Parse(context)));
        var parse = run.Command.Parse(given);
        Assert.Empty(parse.Errors);
        var rejections = run.Scopes.Rejections(parse);
        if (probe.Engines.Contains(engine))
        {
            Assert.Empty(rejections);
            if (probe.Read is { } read)
            {
                Assert.NotEqual(read(run.Spec(run.Command.Parse(context))), read(run.Spec(parse)));
            }
            else
            {
                Assert.NotEqual(Fingerprint(context), Fingerprint(given));
            }
        }
        else
        {
            var (flag, reason) = Assert.Single(rejections);
            Assert.Equal(name, flag);
            Assert.Contains($"--engine {probe.Engines.Single()}", reason, StringComparison.Ordinal);
            var error = Assert.Throws<ConfigurationException>(() => run.Spec(parse));
            Assert.Equal(UserInputException.BadOption, error.ExitCode);
        }
    }

    /// <summary>
    /// Prefix caching on the command line: sarathi takes <c>--prefix-caching on</c> (off by default, so the shared-prefix
    /// model alone has no effect there and is rejected), vllm-v1 has it on by default, orca has none.
    /// </summary>
    [Theory]
    [InlineData("--policy sarathi --prefix-caching on", null, true)]
    [InlineData("--policy sarathi --prefix-caching on --prefix-share 0.5", null, true)]
    [InlineData("--policy sarathi --prefix-share 0.5", "--prefix-share", false)]
    [InlineData("--policy vllm-v1 --prefix-share 0.5", null, true)]
    [InlineData("--policy vllm-v1 --prefix-caching off --prefix-share 0.5", "--prefix-share", false)]
    [InlineData("--policy orca --prefix-caching on", "--prefix-caching", false)]
    public void Prefix_caching_options_follow_the_policy(string args, string? rejected, bool caches)
    {
        var run = RunCommand.CreateForTests();
        var parse = run.Command.Parse(["--engine", Continuous, .. args.Split(' ')]);
        Assert.Empty(parse.Errors);
        var rejections = run.Scopes.Rejections(parse);
        if (rejected is null)
        {
            Assert.Empty(rejections);
            Assert.Equal(caches, run.Spec(parse).Simulation.Continuous.PrefixCachingEnabled);
        }
        else
        {
            Assert.Equal(rejected, Assert.Single(rejections).Flag);
        }
    }

    [Fact]
    public void Every_option_of_every_engine_command_declares_its_engines()
    {
        foreach (var command in EngineCommands())
        {
            var scopes = OptionScopes.For(command);
            Assert.NotNull(scopes);
            foreach (var option in command.Options)
            {
                Assert.True(scopes.Of(option) is not null, $"{command.Name} {option.Name} does not declare which engine it belongs to");
            }
        }
    }

    /// <summary>
    /// suite, capacity and sweep share the option sets whose effect <c>run</c> proves; here every option of theirs is
    /// given on each engine and must be accepted or rejected as its declared engines say, naming the engine.
    /// </summary>
    [Theory]
    [InlineData("suite")]
    [InlineData("capacity")]
    [InlineData("predictors")]
    public void Options_of_the_other_engine_are_rejected_by_suite_capacity_and_sweep(string name)
    {
        var command = EngineCommands().Single(c => c.Name == name);
        var scopes = OptionScopes.For(command)!;
        var run = RunCommand.CreateForTests();
        foreach (var option in command.Options.Where(o => o.Name != "--engine"))
        {
            foreach (string engine in Both)
            {
                string[] args = ["--engine", engine, option.Name, .. Value(option)];
                var parse = command.Parse(args);
                Assert.Empty(parse.Errors);
                var rejections = scopes.Rejections(parse);
                Assert.True(rejections.Count <= 1, string.Join("; ", rejections));
                // The shared option sets say on `run` what they say here (the commands' own options are listed below).
                var onRun = run.Command.Options.FirstOrDefault(o => o.Name == option.Name);
                if (onRun is not null && !CommandSpecific.Contains((name, option.Name)))
                {
                    bool rejectedOnRun = run.Scopes.Rejections(run.Command.Parse(args)).Count > 0;
                    Assert.True(
                        rejectedOnRun == (rejections.Count > 0),
                        $"{name} {option.Name} on {engine}: run says {(rejectedOnRun ? "rejected" : "effective")}"
                    );
                }

                if (rejections.Count == 1)
                {
                    Assert.Equal(option.Name, rejections[0].Flag);
                }
            }
        }
    }

    [Theory]
    [InlineData("capacity", "--schedulers", "static_fifo", "continuous", "applies to --engine batch only")]
    [InlineData("capacity", "--target", "0.2", "continuous", "applies to --engine batch only")]
    [InlineData("capacity", "--policies", "sarathi", "batch", "applies to --engine continuous only")]
    [InlineData("capacity", "--attainment", "0.5", "batch", "applies to --engine continuous only")]
    [InlineData("predictors", "--target", "0.2", "batch", "--capacity-search")]
    [InlineData("predictors", "--attainment", "0.5", "batch", "applies to --engine continuous only")]
    [InlineData("predictors", "--scheduler", "multi_bin_fixed", "continuous", "applies to --engine batch only")]
    public void Command_specific_options_belong_to_their_engine(string name, string option, string value, string engine, string reason)
    {
        var command = EngineCommands().Single(c => c.Name == name);
        var rejection = Assert.Single(OptionScopes.For(command)!.Rejections(command.Parse(["--engine", engine, option, value])));
        Assert.Equal(option, rejection.Flag);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_predictors_rejects_what_it_sets_itself_and_capacity_policy_beside_policies()
    {
        var sweep = EngineCommands().Single(c => c.Name == "predictors");
        foreach (var args in new[] { new[] { "--predictor", "oracle" }, ["--predictor-sigma", "0.5"], ["--drop-failed"] })
        {
            var rejection = Assert.Single(OptionScopes.For(sweep)!.Rejections(sweep.Parse(args)));
            Assert.Equal(args[0], rejection.Flag);
        }

        var capacity = EngineCommands().Single(c => c.Name == "capacity");
        var scopes = OptionScopes.For(capacity)!;
        Assert.Empty(scopes.Rejections(capacity.Parse(["--engine", "continuous", "--policy", "sarathi"])));
        Assert.Equal(
            "--policy",
            Assert.Single(scopes.Rejections(capacity.Parse(["--engine", "continuous", "--policy", "sarathi", "--policies", "vllm,orca"]))).Flag
        );
    }

    /// <summary>sweep predictors used to ignore --calibration (the batch latency model); now a slower grid changes its rows.</summary>
    [Fact]
    public void Sweep_predictors_uses_the_given_calibration()
    {
        using var files = new ProbeFiles();
        using var tmp = new TempFiles();
        string[] common = ["sweep", "predictors", "--json", "--requests", "1000", "--gpus", "1", "--out", tmp.Folder];
        var shipped = MbsimProcess.Run(common);
        var slower = MbsimProcess.Run([.. common, .. files.Resolve(["--calibration", "{calibration}"])]);
        Assert.True(shipped.ExitCode == 0 && slower.ExitCode == 0, shipped.Stderr + slower.Stderr);
        static string Rows(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("rows").GetRawText();
        Assert.NotEqual(Rows(shipped.Stdout), Rows(slower.Stdout));
    }

    [Theory]
    [InlineData("run --policy sarathi", "error: --policy: applies to --engine continuous only (this command runs --engine batch).")]
    [InlineData(
        "run --engine continuous --k 4",
        "error: --k: applies to --engine batch, or to --engine continuous with --admission multi-bin (or --decode-admission multi-bin)."
    )]
    [InlineData(
        "capacity --engine continuous --schedulers static_fifo",
        "error: --schedulers: applies to --engine batch only (this command runs --engine continuous)."
    )]
    [InlineData(
        "sweep predictors --engine continuous --admission multi-bin --b-max 4",
        "error: --b-max: applies to --engine batch only (this command runs --engine continuous)."
    )]
    [InlineData(
        "suite --calibration x.csv --engine continuous",
        "error: --calibration: applies to --engine batch only (this command runs --engine continuous)."
    )]
    public void The_process_rejects_an_option_of_the_other_engine_in_one_line_with_exit_code_2(string commandLine, string expected)
    {
        using var tmp = new TempFiles();
        var (code, stdout, stderr) = MbsimProcess.Run([
            .. commandLine.Split(' '),
            .. commandLine.StartsWith("run", StringComparison.Ordinal) ? new[] { "--requests", "100" } : ["--out", tmp.Folder],
        ]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd());
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Folder));
    }

    /// <summary>(command, option) pairs whose scope is the command's own, not the shared option set's.</summary>
    private static readonly HashSet<(string, string)> CommandSpecific =
    [
        ("predictors", "--scheduler"),
        ("predictors", "--predictor"),
        ("predictors", "--predictor-sigma"),
        ("predictors", "--drop-failed"),
        ("capacity", "--k"),
        ("capacity", "--gpus"),
        ("capacity", "--requests"),
        ("predictors", "--gpus"),
        ("predictors", "--requests"),
    ];

    private static IEnumerable<Command> EngineCommands()
    {
        yield return RunCommand.Create();
        yield return SuiteCommand.Create();
        yield return CapacityCommand.Create();
        yield return SweepCommand.Create().Subcommands.Single(c => c.Name == "predictors");
    }

    /// <summary>A value of the option's type that parses (the check reads names, not ranges).</summary>
    private static string[] Value(Option option)
    {
        var type = option.ValueType;
        if (type == typeof(bool))
        {
            return [];
        }

        if (option.Name == "--step")
        {
            return ["1"];
        }

        if (option.Name is "--admission")
        {
            return ["fcfs"];
        }

        return [type == typeof(string) || type == typeof(string[]) ? "x" : "1"];
    }

    /// <summary>The run's metrics (not its wall-clock time), or its error: what the options did.</summary>
    private static string Fingerprint(string[] args)
    {
        var run = RunCommand.CreateForTests();
        try
        {
            var outcome = SingleRun.Execute(run.Spec(run.Command.Parse(args)));
            var text = new StringBuilder();
            foreach (var metric in MetricCatalogue.All.Where(m => m.Name != MetricCatalogue.ExecutionTimeSeconds.Name))
            {
                text.Append(CultureInfo.InvariantCulture, $"{metric.Name}={Format(metric.Read(outcome.Result.Metrics))};");
            }

            return text.ToString();
        }
        catch (UserInputException e)
        {
            return "error: " + e.Message;
        }
    }

    private static string Format(object? value) =>
        value switch
        {
            null => "null",
            IReadOnlyList<long> values => string.Join(' ', values),
            IFormattable f => f.ToString("R", CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    /// <param name="Engines">The engines the option must affect.</param>
    /// <param name="Args">The option and its value.</param>
    /// <param name="Single">Context arguments on the batch engine.</param>
    /// <param name="Multi">Context arguments on the continuous engine.</param>
    /// <param name="Read">For an option whose effect these small runs do not show: the part of the run's configuration it must change.</param>
    private sealed record Probe(string[] Engines, string[] Args, string[]? Single = null, string[]? Multi = null, Func<RunSpec, object>? Read = null);

    /// <summary>A small trace and a calibration grid for the probes that name files.</summary>
    private sealed class ProbeFiles : IDisposable
    {
        private readonly TempFiles _tmp = new();
        private string? _trace;
        private string? _calibration;

        public IEnumerable<string> Resolve(string[]? args) =>
            (args ?? []).Select(a =>
                a switch
                {
                    "{trace}" => _trace ??= _tmp.Write("trace.csv", Trace()),
                    "{calibration}" => _calibration ??= _tmp.Write("grid.csv", Grid()),
                    _ => a,
                }
            );

        public void Dispose() => _tmp.Dispose();

        private static string Trace()
        {
            var text = new StringBuilder("Timestamp,Request tokens,Response tokens\n");
            for (int i = 0; i < 1000; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i * 2},{50 + (i * 37 % 400)},{20 + (i * 53 % 300)}\n");
            }

            return text.ToString();
        }

        /// <summary>t(b, L) = 30 ms + 0.6 ms L (1 + 0.4 (b - 1) / b): twice the shipped grid's cost.</summary>
        private static string Grid()
        {
            var text = new StringBuilder("batch_size,max_seq_len,mean_latency_sec\n");
            foreach (int b in new[] { 1, 4, 16, 64 })
            {
                foreach (int l in new[] { 128, 512, 2048 })
                {
                    double t = 0.03 + (0.0006 * l * (1 + (0.4 * (b - 1) / b)));
                    text.Append(CultureInfo.InvariantCulture, $"{b},{l},{t:R}\n");
                }
            }

            return text.ToString();
        }
    }
}
