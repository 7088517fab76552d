using System.CommandLine;
using MultiBinSim.Cli;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;

namespace MultiBinSim.Tests.Cli.Config;

/// <summary>
/// <c>--config FILE</c> (issue #23, item 5): TOML and YAML files set options by section and key, command-line flags
/// override them, and every problem is one line naming the file, the line and the key (exit code 2).
/// </summary>
public class ConfigFileTests
{
    private static RunSpec Spec(params string[] args)
    {
        var run = RunCommand.CreateForTests();
        return run.Spec(ConfigInvocation.Parse(run.Command, args));
    }

    [Theory]
    [InlineData(
        "run.toml",
        "[workload]\nrequests = 1234\nseed = 7\nrps-scaling = 50\n\n[engine]\ngpus = 3\n\n[bins]\nk = 6\nbin-policy = \"longest-queue\"\n\n[slos]\nd-sla = 2.5\n"
    )]
    [InlineData(
        "run.yaml",
        "workload:\n  requests: 1234\n  seed: 7\n  rps-scaling: 50\nengine:\n  gpus: 3\nbins:\n  k: 6\n  bin-policy: longest-queue\nslos:\n  d-sla: 2.5\n"
    )]
    [InlineData(
        "run.yml",
        "workload: {requests: 1234, seed: 7, rps-scaling: 50.0}\nengine:\n  gpus: 3\nbins:\n  k: 6\n  bin-policy: 'longest-queue'\nslos:\n  d-sla: 2.5\n"
    )]
    public void A_file_sets_the_options_its_flags_would(string name, string text)
    {
        using var tmp = new TempFiles();
        var fromFile = Spec("--config", tmp.Write(name, text));
        var fromFlags = Spec(
            "--requests",
            "1234",
            "--seed",
            "7",
            "--rps-scaling",
            "50",
            "--gpus",
            "3",
            "--k",
            "6",
            "--bin-policy",
            "longest-queue",
            "--d-sla",
            "2.5"
        );
        Assert.Equal(CanonicalConfiguration.Serialize(fromFlags), CanonicalConfiguration.Serialize(fromFile));
        Assert.NotEqual(CanonicalConfiguration.Serialize(Spec()), CanonicalConfiguration.Serialize(fromFile));
    }

    [Fact]
    public void Flags_override_the_file_and_the_file_overrides_the_defaults()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("c.toml", "[workload]\nrequests = 100\nseed = 9\n\n[engine]\ngpus = 4\n");
        var spec = Spec("--config", path, "--requests", "200");
        Assert.Equal(200, spec.Workload.Requests);
        Assert.Equal(9, spec.Workload.Seed);
        Assert.Equal(4, spec.Simulation.Gpus);
        // Wherever --config stands among the flags.
        Assert.Equal(300, Spec("--requests", "300", "--config", path).Workload.Requests);
    }

    [Fact]
    public void A_continuous_run_reads_every_section_of_its_engine()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(
            "c.toml",
            """
            [engine]
            engine = "continuous"
            gpus = 2

            [policy]
            policy = "sarathi"
            chunk-size = 256
            max-num-seqs = 64

            [routing]
            routing = "least-kv"
            admission = "multi-bin"

            [bins]
            k = 3

            [batching]
            batching = "dynamic"
            batch-alpha = 6

            [slos]
            slo-ttft = 2.5
            slo-tpot = 0.05
            """
        );
        var spec = Spec("--config", path);
        Assert.Equal("continuous", spec.Simulation.Engine);
        Assert.Equal(2, spec.Simulation.Gpus);
        Assert.Equal("sarathi", spec.Simulation.Continuous.Policy.Name);
        Assert.Equal(256, spec.Simulation.Continuous.ChunkSize);
        Assert.Equal(64, spec.Simulation.Continuous.MaxNumSeqs);
        Assert.Equal("least-kv", spec.Simulation.Continuous.Routing.Name);
        Assert.Equal("multi-bin", spec.Simulation.Continuous.Admission.Name);
        Assert.Equal(3, spec.Simulation.Scheduler.K);
        Assert.Equal(6, spec.Simulation.Continuous.Dynamic.Alpha);
        Assert.Equal(2.5, spec.Simulation.Continuous.SloTtft);
        Assert.Equal(0.05, spec.Simulation.Continuous.SloTpot);
    }

    [Fact]
    public void Lists_take_arrays_or_comma_separated_strings()
    {
        using var tmp = new TempFiles();
        var capacity = CapacityCommand.Create();
        var parse = ConfigInvocation.Parse(
            capacity,
            ["--config", tmp.Write("c.toml", "[engine]\ngpus = [1, 2, 16]\n\n[scheduler]\nschedulers = \"static_fifo,multi_bin_dynamic\"\n")]
        );
        Assert.Equal("1,2,16", parse.GetValue<string>("--gpus"));
        Assert.Equal("static_fifo,multi_bin_dynamic", parse.GetValue<string>("--schedulers"));
        var suite = SuiteCommand.Create();
        Assert.Equal(["1", "3"], ConfigInvocation.Parse(suite, ["--config", tmp.Write("s.yaml", "suite:\n  step: [1, 3]\n")]).GetValue<string[]>("--step")!);
        Assert.Equal(["all"], ConfigInvocation.Parse(suite, ["--config", tmp.Write("t.toml", "[suite]\nstep = \"all\"\n")]).GetValue<string[]>("--step")!);
    }

    public static TheoryData<string, string, string> Problems() =>
        new()
        {
            // Wrong types: TOML's own, YAML's by the option's type.
            { "c.toml", "[workload]\nrequests = 100\nseed = \"abc\"\n", "c.toml:3: [workload] seed: expected an integer, got \"abc\"" },
            { "c.yaml", "workload:\n  requests: 100\n\n  seed: abc\n", "c.yaml:4: [workload] seed: expected an integer, got \"abc\"" },
            { "c.toml", "[workload]\nrequests = 1.5\n", "c.toml:2: [workload] requests: expected an integer, got 1.5" },
            {
                "c.toml",
                "[workload]\nrequests = 99999999999\n",
                "c.toml:2: [workload] requests: expected an integer from -2147483648 to 2147483647, got 99999999999"
            },
            { "c.toml", "[workload]\nrps-scaling = \"fast\"\n", "c.toml:2: [workload] rps-scaling: expected a number, got \"fast\"" },
            { "c.yaml", "workload:\n  drop-failed: maybe\n", "c.yaml:2: [workload] drop-failed: expected true or false, got \"maybe\"" },
            { "c.toml", "[workload]\ndataset = true\n", "c.toml:2: [workload] dataset: expected a string, got true" },
            { "c.toml", "[engine]\ngpus = { count = 2 }\n", "c.toml:2: [engine] gpus: expected an integer, got a table" },
            { "c.yaml", "engine:\n  gpus: \"2\"\n", "c.yaml:2: [engine] gpus: expected an integer, got \"2\"" },
            { "c.yaml", "workload:\n  requests:\n", "c.yaml:2: [workload] requests: expected an integer, got null" },
            // Unknown sections and keys, with the nearest name.
            { "c.toml", "# runs\n\n[workloads]\nrequests = 1\n", "c.toml:3: [workloads]: unknown section (did you mean workload?)" },
            { "c.toml", "[workload]\nrequets = 1\n", "c.toml:2: [workload] requets: unknown key for mbsim run (did you mean requests?)" },
            { "c.yaml", "bins:\n  bin-polcy: longest-queue\n", "c.yaml:2: [bins] bin-polcy: unknown key for mbsim run (did you mean bin-policy?)" },
            { "c.toml", "[engine]\nrequests = 1\n", "c.toml:2: [engine] requests: not a key of [engine]; requests belongs in [workload]" },
            { "c.toml", "requests = 1\n", "c.toml:1: requests: a key outside any section; it belongs in [workload]" },
            {
                "c.toml",
                "[suite]\nseeds = 2\n",
                "c.toml:1: [suite]: mbsim run has no options in this section (its sections: workload, engine, scheduler, bins, memory, policy, batching, routing, disaggregation, slos, output)"
            },
            { "c.toml", "[workload]\nconfig = \"other.toml\"\n", "c.toml:2: [workload] config: unknown key for mbsim run" },
            // Files that do not parse.
            { "c.toml", "[workload]\nrequests = \n", "c.toml:2: Unexpected token end-of-line found while expecting a value" },
            {
                "c.toml",
                "[workload]\nrequests = 1\nrequests = 2\n",
                "c.toml:3: The key `workload.requests` is already defined at (2,1) with `requests = 1` and cannot be redefined"
            },
            { "c.yaml", "workload:\n  requests: 1\n  requests: 2\n", "c.yaml:3: Duplicate key requests" },
            { "c.yaml", "- 1\n- 2\n", "c.yaml:1: expected sections (section: then its key: value lines)" },
            // An option of the other engine, by the command line's rule.
            {
                "c.toml",
                "[policy]\npolicy = \"sarathi\"\n",
                "c.toml:2: [policy] policy: applies to --engine continuous only (this command runs --engine batch)"
            },
            {
                "c.yaml",
                "engine:\n  engine: continuous\nscheduler:\n  b-max: 4\n",
                "c.yaml:4: [scheduler] b-max: applies to --engine batch only (this command runs --engine continuous)"
            },
        };

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_bad_file_is_one_line_naming_the_file_the_line_and_the_key(string name, string text, string expected)
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(name, text);
        var error = new StringWriter();
        int code = ConfigInvocation.Invoke(RunCommand.Create(), ["--config", path, "--requests", "10"], TextWriter.Null, error);
        Assert.Equal(UserInputException.BadOption, code);
        Assert.Equal("error: " + expected, error.ToString().TrimEnd().Replace(tmp.Folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing.toml", "error: --config: missing.toml: no such file")]
    [InlineData("c.ini", "error: --config: 'c.ini' is not a TOML (.toml) or YAML (.yaml, .yml) file")]
    public void A_config_path_that_cannot_be_a_config_file_is_an_option_error(string path, string expected)
    {
        var error = new StringWriter();
        Assert.Equal(UserInputException.BadOption, ConfigInvocation.Invoke(RunCommand.Create(), ["--config", path], TextWriter.Null, error));
        Assert.Equal(expected, error.ToString().TrimEnd());
    }

    [Fact]
    public void A_command_line_flag_is_not_checked_against_the_file_it_overrides_but_the_file_is_still_checked()
    {
        using var tmp = new TempFiles();
        // The file's value is of the wrong type: an error even though --seed is given.
        string bad = tmp.Write("bad.toml", "[workload]\nseed = \"x\"\n");
        Assert.Throws<ConfigFileException>(() => ConfigInvocation.Parse(RunCommand.Create(), ["--config", bad, "--seed", "3"]));
        // An option of the other engine given on the command line is the command line's error, not the file's.
        string good = tmp.Write("good.toml", "[workload]\nseed = 4\n");
        var run = RunCommand.CreateForTests();
        var parse = ConfigInvocation.Parse(run.Command, ["--config", good, "--policy", "sarathi"]);
        Assert.Equal("--policy", Assert.Single(run.Scopes.Rejections(parse)).Flag);
    }
}
