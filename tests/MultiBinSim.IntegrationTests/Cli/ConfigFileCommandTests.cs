namespace MultiBinSim.Tests.Cli;

/// <summary>
/// <c>--config</c> and <c>--print-config</c> through the real <c>mbsim</c> (issue #23, item 5): a run given by flags,
/// printed, and run again from the printed file gives the identical JSON, in TOML and YAML; flags override the file;
/// a bad file is one line on stderr with exit code 2; <c>--help</c> is grouped by section.
/// </summary>
public class ConfigFileCommandTests
{
    [Theory]
    [InlineData("toml", "run --requests 3000 --scheduler multi_bin_fixed --k 6 --gpus 2 --predictor noisy-oracle --json")]
    [InlineData("yaml", "run --requests 2000 --engine continuous --gpus 2 --admission multi-bin --k 3 --batching dynamic --slo-tpot 0.05 --json")]
    [InlineData("toml", "run --requests 2000 --engine continuous --prefill-replicas 1 --decode-replicas 2 --step-model roofline:Llama-3-8B@H100-80GB --json")]
    public void A_run_from_its_printed_configuration_is_the_same_run(string format, string commandLine)
    {
        using var tmp = new TempFiles();
        string[] args = commandLine.Split(' ');
        var direct = MbsimProcess.Run(args);
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        var printed = MbsimProcess.Run([.. args, "--print-config", format]);
        Assert.True(printed.ExitCode == 0, printed.Stderr);
        Assert.Equal("", printed.Stderr);
        string path = tmp.Write("run." + format, printed.Stdout);
        var again = MbsimProcess.Run("run", "--config", path);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(WithoutClock(direct.Stdout), WithoutClock(again.Stdout));
    }

    [Fact]
    public void Flags_override_the_file()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("run.yaml", "workload:\n  requests: 1500\n  seed: 5\nengine:\n  gpus: 3\noutput:\n  json: true\n");
        var run = MbsimProcess.Run("run", "--config", path, "--gpus", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("gpus").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(1500, json.RootElement.GetProperty("num_requests").GetInt32());
    }

    [Theory]
    [InlineData("c.toml", "[engine]\ngpus = 2\n\n[workload]\nrequests = \"many\"\n", "c.toml:5: [workload] requests: expected an integer, got \"many\"")]
    [InlineData("c.yaml", "workload:\n  requests: 0\n", "c.yaml:2: [workload] requests: must be at least 1 (got 0).")]
    [InlineData(
        "c.toml",
        "[routing]\nrouting = \"least-kv\"\n",
        "c.toml:2: [routing] routing: applies to --engine continuous only (this command runs --engine batch)"
    )]
    public void A_bad_file_is_one_line_on_stderr_with_exit_code_2(string name, string text, string expected)
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(name, text);
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--config", path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: " + Path.Combine(tmp.Folder, expected), stderr.TrimEnd());
    }

    [Fact]
    public void A_suite_reads_its_file_and_prints_it_back()
    {
        using var tmp = new TempFiles();
        string output = Path.Combine(tmp.Folder, "out");
        string path = tmp.Write("suite.toml", $"[suite]\nstep = [1]\nmax-requests = 1000\n\n[output]\nout = \"{output}\"\nno-charts = true\njson = true\n");
        var printed = MbsimProcess.Run("suite", "--config", path, "--print-config");
        Assert.True(printed.ExitCode == 0, printed.Stderr);
        Assert.Contains("step = [\"1\"]", printed.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "--print-config ran the suite");
        var run = MbsimProcess.Run("suite", "--config", path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal(Path.GetFullPath(output), json.RootElement.GetProperty("output_folder").GetString());
    }

    [Fact]
    public void Run_help_is_grouped_by_section_and_engine()
    {
        var (code, stdout, _) = MbsimProcess.Run("run", "--help");
        Assert.Equal(0, code);
        string[] headings =
        [
            "Workload [workload]:",
            "Engine [engine]:",
            "Batch engine: scheduler [scheduler]:",
            "Continuous engine: policy [policy]:",
            "Continuous engine: batching [batching]:",
            "Continuous engine: routing and admission [routing]:",
            "SLOs [slos]:",
            "Output [output]:",
            "Other options:",
        ];
        var positions = headings.Select(h => stdout.IndexOf("\n" + h + "\n", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0, stdout));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("--config <FILE>", stdout, StringComparison.Ordinal);
    }

    /// <summary>The output without the simulation's wall-clock time, the one figure that differs between two runs.</summary>
    private static string WithoutClock(string output) =>
        string.Join('\n', output.Split('\n').Where(line => !line.Contains("execution_time", StringComparison.Ordinal)));
}
