using System.Diagnostics;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Cluster;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Cli;

namespace MultiBinSim.Tests.Cluster;

/// <summary>
/// submit.sh without a cluster: a fake <c>sbatch</c> on PATH records each submission (options and job script) and
/// answers <c>ID;cluster</c>, so the dependency chain and the job scripts themselves can be checked and run.
/// </summary>
public class SlurmScriptTests
{
    private const string FakeSbatch = """
        #!/usr/bin/env bash
        dir=$(dirname "$0")
        n=$(( $(find "$dir" -name 'job-*.args' | wc -l) + 1 ))
        printf '%s\n' "$@" > "$dir/job-$n.args"
        cat > "$dir/job-$n.sh"
        echo "$n;fakecluster"
        """;

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("it's \"quoted\" $HOME `date` \\ ; & | * ? ~ ! # ( ) < > [ ]")]
    [InlineData("")]
    [InlineData("line\nbreak\tand tab")]
    [InlineData("--option=value,a:b@c%d+e")]
    [InlineData("ünïcødé 名前")]
    public void A_quoted_word_reaches_the_program_unchanged_through_bash(string word)
    {
        var (code, stdout, stderr) = Bash($"printf '%s' {ShellWords.Quote(word)}");
        Assert.True(code == 0, stderr);
        Assert.Equal(word, stdout);
    }

    [Fact]
    public void The_dotnet_host_runs_the_entry_assembly_and_any_other_executable_runs_itself()
    {
        Assert.Equal(["/usr/share/dotnet/dotnet", "/opt/mbsim/mbsim.dll"], MbsimInvocation.For("/usr/share/dotnet/dotnet", "/opt/mbsim/mbsim.dll"));
        Assert.Equal(["/root/.dotnet/tools/mbsim"], MbsimInvocation.For("/root/.dotnet/tools/mbsim", "/root/.dotnet/tools/.store/x/mbsim.dll"));
        Assert.Throws<InvalidOperationException>(() => MbsimInvocation.For("/usr/bin/dotnet", null));
    }

    [Fact]
    public void Test_indices_follow_the_suite_order_steps_one_two_three()
    {
        // max 20,000 requests: N = 1K, 10K -> 10 Step 1 tests; max 8 GPUs: 1, 2, 4, 8 -> 4 Step 2 tests; 6 K values.
        Assert.Equal(Enumerable.Range(0, 10), SuitePlanner.TestIndices(1, 20_000, 8));
        Assert.Equal(Enumerable.Range(10, 4), SuitePlanner.TestIndices(2, 20_000, 8));
        Assert.Equal(Enumerable.Range(14, 6), SuitePlanner.TestIndices(3, 20_000, 8));
    }

    [Fact]
    public void More_shards_than_a_stage_can_fill_are_refused_with_the_largest_that_works()
    {
        var job = Job(
            shards: 9,
            new SlurmStage
            {
                Name = "steps-1-2",
                Description = "steps 1, 2",
                TestIndices = Enumerable.Range(0, 8).ToArray(),
            }
        );
        var error = Assert.Throws<ConfigurationException>(() => SlurmScript.Create(job));
        Assert.Equal("SlurmJob.Shards", Assert.Single(error.Errors).Property);
        Assert.Contains("use at most 8", error.Message);

        // A stage seeded from the merged folder has a store in every shard even without tests of its own.
        SlurmScript.Create(job with { Stages = [job.Stages[0] with { SeedFromOutput = true }] });
        Assert.Throws<ConfigurationException>(() => SlurmScript.Create(job with { Shards = 0, OutputFolder = "relative" }));
    }

    [Fact]
    public void Suite_script_chains_step_three_after_the_merge_of_steps_one_and_two_and_prints_the_last_job()
    {
        using var tmp = new TempFiles();
        string output = Path.Combine(tmp.Folder, "out dir");
        var written = MbsimProcess.Run("suite", "--max-requests", "2000", "--max-gpus", "4", "--seed", "7", "--force", "--slurm-script", "2", "--out", output);
        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.False(File.Exists(Path.Combine(output, ResultStore.CsvName)), "--slurm-script must run nothing");

        var (jobs, lastLine) = Submit(tmp, Path.Combine(output, SlurmScript.FileName));
        Assert.Equal(4, jobs.Count);
        Assert.Equal("4", lastLine); // the final job's id, without sbatch's ";cluster"
        Assert.Contains("--array=1-2", jobs[0].Args);
        Assert.DoesNotContain(jobs[0].Args, a => a.StartsWith("--dependency", StringComparison.Ordinal));
        Assert.Contains("--dependency=afterok:1", jobs[1].Args);
        Assert.Contains("--array=1-2", jobs[2].Args);
        Assert.Contains("--dependency=afterok:2", jobs[2].Args);
        Assert.Contains("--dependency=afterok:3", jobs[3].Args);
        Assert.All(jobs, j => Assert.Contains("--parsable", j.Args));
        Assert.All(jobs, j => Assert.Contains($"--chdir={Environment.CurrentDirectory}", j.Args));

        // Shards run the same test-defining options, their own step and slice, --force only there.
        Assert.Contains(
            "suite --max-requests 2000 --max-gpus 4 --seed 7 --step 1,2 --force --no-charts --shard \"$SLURM_ARRAY_TASK_ID/2\" --parallel \"${SLURM_CPUS_PER_TASK:-1}\"",
            jobs[0].Script
        );
        Assert.Contains("results merge \"$shard\"", jobs[2].Script); // Step 3's shards start from the merged Step 2
        Assert.Contains("--seed 7 --step 3 --force", jobs[2].Script);
        Assert.Contains("results merge", jobs[3].Script);
        Assert.Contains("suite --max-requests 2000 --max-gpus 4 --seed 7 --step 1,2,3 --parallel", jobs[3].Script);
        Assert.DoesNotContain("--force", jobs[3].Script);
    }

    [Fact]
    public void A_given_gpu_count_needs_no_chain()
    {
        using var tmp = new TempFiles();
        string output = Path.Combine(tmp.Folder, "out");
        var written = MbsimProcess.Run("suite", "--max-requests", "2000", "--max-gpus", "4", "--best-gpu-count", "2", "--slurm-script", "3", "--out", output);
        Assert.True(written.ExitCode == 0, written.Stderr);
        var (jobs, lastLine) = Submit(tmp, Path.Combine(output, SlurmScript.FileName));
        Assert.Equal(2, jobs.Count);
        Assert.Equal("2", lastLine);
        Assert.Contains("--array=1-3", jobs[0].Args);
        Assert.Contains("--best-gpu-count 2 --step 1,2,3 --no-charts --shard \"$SLURM_ARRAY_TASK_ID/3\"", jobs[0].Script);
    }

    [Theory]
    [InlineData("--slurm-script", "0")]
    [InlineData("--shard", "1/2")]
    public void Invalid_script_requests_fail_without_writing(string option, string value)
    {
        using var tmp = new TempFiles();
        string[] args =
            option == "--shard" ? ["suite", "--slurm-script", "2", option, value, "--out", tmp.Folder] : ["suite", option, value, "--out", tmp.Folder];
        var (code, _, stderr) = MbsimProcess.Run(args);
        Assert.Equal(2, code); // an invalid option
        Assert.Contains("--slurm-script", stderr);
        Assert.Contains(option, stderr);
        Assert.False(File.Exists(Path.Combine(tmp.Folder, SlurmScript.FileName)));
    }

    [Fact]
    public void Capacity_jobs_run_in_slurm_order_give_the_single_process_store()
    {
        using var tmp = new TempFiles();
        string sharded = Path.Combine(tmp.Folder, "sharded"),
            single = Path.Combine(tmp.Folder, "single");
        string[] capacity = ["capacity", "--requests", "2000", "--schedulers", "static_fifo,multi_bin_dynamic", "--gpus", "1,2", "--tolerance", "0.05"];
        var written = MbsimProcess.Run([.. capacity, "--slurm-script", "2", "--out", sharded]);
        Assert.True(written.ExitCode == 0, written.Stderr);
        var (jobs, _) = Submit(tmp, Path.Combine(sharded, SlurmScript.FileName));
        Assert.Equal(2, jobs.Count);

        // What Slurm would do: both array tasks, then the merge job (which depends on them).
        foreach (string task in new[] { "1", "2" })
        {
            var shard = Bash(jobs[0].Script, new() { ["SLURM_ARRAY_TASK_ID"] = task, ["SLURM_CPUS_PER_TASK"] = "1" });
            Assert.True(shard.ExitCode == 0, shard.Stderr);
        }

        var merge = Bash(jobs[1].Script, new() { ["SLURM_CPUS_PER_TASK"] = "1" });
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.True(File.Exists(Path.Combine(sharded, "charts", "capacity_vs_gpus.html")));

        var reference = MbsimProcess.Run([.. capacity, "--parallel", "1", "--out", single]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var expected = ResultStore.LoadRows(single);
        var actual = ResultStore.LoadRows(sharded);
        Assert.Equal(4, expected.Count);
        Assert.Equal(Values(expected), Values(actual));
        var one = ResultStore.LoadRows(Path.Combine(sharded, "shards", "capacity-1")).Select(r => r.TestKey).ToHashSet();
        var two = ResultStore.LoadRows(Path.Combine(sharded, "shards", "capacity-2")).Select(r => r.TestKey).ToHashSet();
        Assert.Equal(2, one.Count);
        Assert.Equal(2, two.Count);
        Assert.Empty(one.Intersect(two));
    }

    [Fact]
    public void Reproduce_figures_are_the_shards_and_the_gather_job_collects_the_single_process_files()
    {
        using var tmp = new TempFiles();
        string sharded = Path.Combine(tmp.Folder, "sharded out"),
            single = Path.Combine(tmp.Folder, "single");
        string[] reproduce = ["reproduce", "multibin-fig6", "multibin-fig8", "--quick", "--traces", "none"];
        var written = MbsimProcess.Run([.. reproduce, "--slurm-script", "2", "--out", sharded]);
        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.False(File.Exists(Path.Combine(sharded, "multibin-fig6.csv")), "--slurm-script must run nothing");

        var (jobs, lastLine) = Submit(tmp, Path.Combine(sharded, SlurmScript.FileName));
        Assert.Equal(2, jobs.Count);
        Assert.Equal("2", lastLine);
        Assert.Contains("--array=1-2", jobs[0].Args);
        Assert.Contains("--dependency=afterok:1", jobs[1].Args);
        Assert.Contains(
            "reproduce --quick --traces none multibin-fig6 multibin-fig8 --shard \"$SLURM_ARRAY_TASK_ID/2\" --parallel \"${SLURM_CPUS_PER_TASK:-1}\"",
            jobs[0].Script
        );
        Assert.DoesNotContain("results merge", jobs[1].Script);

        // What Slurm would do: both array tasks, then the gather job.
        foreach (string task in new[] { "1", "2" })
        {
            var shard = Bash(jobs[0].Script, new() { ["SLURM_ARRAY_TASK_ID"] = task, ["SLURM_CPUS_PER_TASK"] = "1" });
            Assert.True(shard.ExitCode == 0, shard.Stderr);
        }

        // Shard I of 2 ran exactly figure I of the list.
        Assert.True(File.Exists(Path.Combine(sharded, "shards", "figures-1", "multibin-fig6.csv")));
        Assert.False(File.Exists(Path.Combine(sharded, "shards", "figures-1", "multibin-fig8.csv")));
        Assert.True(File.Exists(Path.Combine(sharded, "shards", "figures-2", "multibin-fig8.csv")));
        Assert.False(File.Exists(Path.Combine(sharded, "shards", "figures-2", "multibin-fig6.csv")));

        var gather = Bash(jobs[1].Script);
        Assert.True(gather.ExitCode == 0, gather.Stderr);
        var reference = MbsimProcess.Run([.. reproduce, "--parallel", "1", "--out", single]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        foreach (string name in new[] { "multibin-fig6", "multibin-fig8" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(single, name + ".csv")), File.ReadAllText(Path.Combine(sharded, name + ".csv")));
            Assert.True(File.Exists(Path.Combine(sharded, name + ".html")));
        }
    }

    [Fact]
    public void Reproduce_refuses_more_shards_than_figures_and_an_explicit_shard()
    {
        using var tmp = new TempFiles();
        var (code, _, stderr) = MbsimProcess.Run("reproduce", "multibin-fig6", "multibin-fig8", "--slurm-script", "3", "--out", tmp.Folder);
        Assert.Equal(2, code);
        Assert.Contains("--slurm-script", stderr);
        Assert.Contains("use at most 2", stderr);
        (code, _, stderr) = MbsimProcess.Run("reproduce", "multibin-fig6", "--slurm-script", "1", "--shard", "1/2", "--out", tmp.Folder);
        Assert.Equal(2, code);
        Assert.Contains("--shard", stderr);
        Assert.False(File.Exists(Path.Combine(tmp.Folder, SlurmScript.FileName)));
    }

    private static SortedDictionary<string, string> Values(IEnumerable<ResultRow> rows) =>
        new(
            rows.ToDictionary(
                r => r.TestKey,
                r =>
                    string.Join(
                        "|",
                        ResultSchema.Names.Select(
                            (n, i) =>
                                n is "execution_time_seconds" or "timestamp"
                                    ? ""
                                    : Convert.ToString(r.Values[i], System.Globalization.CultureInfo.InvariantCulture)
                        )
                    )
            ),
            StringComparer.Ordinal
        );

    private static SlurmJob Job(int shards, params SlurmStage[] stages) =>
        new()
        {
            Mbsim = ["/usr/bin/mbsim"],
            Command = "suite",
            OutputFolder = "/tmp/out",
            WorkingDirectory = "/tmp",
            Shards = shards,
            Stages = stages,
        };

    [Theory]
    [InlineData("2\n2\n", null, "2")] // a 2-CPU node: ask 2, not the default 4 that would pend forever
    [InlineData("1\n64\n8\n", null, "4")] // the largest node has more: the default cap
    [InlineData("", null, "4")] // sinfo says nothing (or is missing): the cap
    [InlineData("2\n", "2", "2")] // an explicit value a node can give
    public void Each_job_asks_at_most_the_cpus_the_largest_node_of_the_partition_has(string sinfoNodes, string? cpusPerTask, string expected)
    {
        using var tmp = new TempFiles();
        string script = Path.Combine(tmp.Folder, SlurmScript.FileName);
        File.WriteAllText(
            script,
            SlurmScript.Create(
                Job(
                    shards: 2,
                    new SlurmStage
                    {
                        Name = "steps-1-2",
                        Description = "steps 1, 2",
                        TestIndices = Enumerable.Range(0, 8).ToArray(),
                    }
                )
            )
        );
        var environment = new Dictionary<string, string> { ["MBSIM_SBATCH_OPTIONS"] = "--time=01:00:00 -p tiny" };
        if (cpusPerTask is not null)
        {
            environment["MBSIM_CPUS_PER_TASK"] = cpusPerTask;
        }

        var (jobs, _) = Submit(tmp, script, sinfoNodes, environment);
        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.Contains($"--cpus-per-task={expected}", j.Args));
        Assert.All(jobs, j => Assert.Contains("-p", j.Args)); // the user's options still reach sbatch
        Assert.Equal(
            "--noheader --Node --partition=tiny --format=%c",
            File.ReadAllText(Path.Combine(tmp.Folder, "fake-sbatch", "sinfo.args")).Trim().Replace('\n', ' ')
        );
    }

    [Fact]
    public void More_cpus_than_any_node_has_fail_at_submission_with_a_clear_message()
    {
        using var tmp = new TempFiles();
        string script = Path.Combine(tmp.Folder, SlurmScript.FileName);
        File.WriteAllText(
            script,
            SlurmScript.Create(
                Job(
                    shards: 2,
                    new SlurmStage
                    {
                        Name = "steps-1-2",
                        Description = "steps 1, 2",
                        TestIndices = Enumerable.Range(0, 8).ToArray(),
                    }
                )
            )
        );
        string bin = FakeCommands(tmp, "2\n");
        var (code, _, stderr) = Bash(
            $"bash {ShellWords.Quote(script)}",
            new() { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["MBSIM_CPUS_PER_TASK"] = "4" }
        );
        Assert.Equal(2, code);
        Assert.Contains("MBSIM_CPUS_PER_TASK=4, but the largest node has 2 CPUs (sinfo): every job would pend forever", stderr);
        Assert.Empty(Directory.GetFiles(bin, "job-*.args")); // nothing submitted
    }

    /// <summary>A folder with the fake sbatch and a fake sinfo printing <paramref name="sinfoNodes"/> (and recording its arguments).</summary>
    private static string FakeCommands(TempFiles tmp, string sinfoNodes)
    {
        string bin = Path.Combine(tmp.Folder, "fake-sbatch");
        Directory.CreateDirectory(bin);
        string sbatch = Path.Combine(bin, "sbatch");
        File.WriteAllText(sbatch, FakeSbatch.ReplaceLineEndings("\n") + "\n");
        string sinfo = Path.Combine(bin, "sinfo");
        File.WriteAllText(sinfo, $"#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/sinfo.args\"\nprintf {ShellWords.Quote(sinfoNodes)}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(sinfo, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return bin;
    }

    /// <summary>
    /// Runs submit.sh with the fake sbatch (and a fake sinfo listing <paramref name="sinfoNodes"/>, one node's CPUs a line)
    /// first on PATH; the submissions in order, and the script's last output line.
    /// </summary>
    private static (List<(string[] Args, string Script)> Jobs, string LastLine) Submit(
        TempFiles tmp,
        string script,
        string sinfoNodes = "8\n",
        Dictionary<string, string>? environment = null
    )
    {
        string bin = FakeCommands(tmp, sinfoNodes);
        var variables = new Dictionary<string, string>(environment ?? []) { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };
        var (code, stdout, stderr) = Bash($"bash {ShellWords.Quote(script)}", variables);
        Assert.True(code == 0, stderr);
        var jobs = Enumerable
            .Range(1, Directory.GetFiles(bin, "job-*.args").Length)
            .Select(n => (File.ReadAllLines(Path.Combine(bin, $"job-{n}.args")), File.ReadAllText(Path.Combine(bin, $"job-{n}.sh"))))
            .ToList();
        return (jobs, stdout.TrimEnd('\n').Split('\n')[^1]);
    }

    private static (int ExitCode, string Stdout, string Stderr) Bash(string command, Dictionary<string, string>? environment = null)
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Skip("bash is not installed; submit.sh is a bash script.");
        }

        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bash -c {command} did not finish in 300 s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
