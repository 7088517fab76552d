using System.Diagnostics;
using System.Text.Json.Nodes;
using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Cluster;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Cli;

namespace MultiBinSim.Tests.Cluster;

/// <summary>
/// The generated submit.sh on a real (single-node, loopback-only) Slurm cluster: the job arrays, the chained Step 3 and
/// the merges must produce exactly the store a single process produces.
/// </summary>
[NeedsSlurm]
public class SlurmClusterTests
{
    private static readonly string[] Suite = ["suite", "--max-requests", "2000", "--max-gpus", "4"];

    /// <summary>Columns that record when and how fast a test ran, not what it computed.</summary>
    private static readonly HashSet<string> Volatile = ["execution_time_seconds", "timestamp"];

    [Fact]
    public async Task Submit_script_on_a_local_Slurm_cluster_gives_the_single_process_store()
    {
        using var cluster = SlurmCluster.StartOrSkip(TimeSpan.FromSeconds(60));
        using var tmp = new TempFiles();
        string sharded = Path.Combine(tmp.Folder, "sharded out"),
            single = Path.Combine(tmp.Folder, "single");

        // Nothing the cluster runs may listen beyond the loopback address.
        var listening = cluster.ListeningAddresses();
        if (listening is not null)
        {
            Assert.NotEmpty(listening);
            Assert.All(listening, address => Assert.StartsWith("127.0.0.1:", address));
        }

        var written = MbsimProcess.Run([.. Suite, "--slurm-script", "2", "--out", sharded]);
        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.False(File.Exists(Path.Combine(sharded, ResultStore.CsvName)), "--slurm-script must run nothing");
        string script = Path.Combine(sharded, SlurmScript.FileName);

        var clock = Stopwatch.StartNew();
        var submitted = cluster.Run("bash", [script], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["MBSIM_CPUS_PER_TASK"] = "1" });
        Assert.True(submitted.ExitCode == 0, submitted.Stderr + cluster.Diagnostics());
        string finalJob = submitted.Stdout.Trim().Split('\n')[^1];
        Assert.Matches("^[0-9]+$", finalJob);

        bool drained = await cluster.WaitForEmptyQueueAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"Slurm run of the sharded suite: {clock.Elapsed.TotalSeconds:F1} s from submission to an empty queue.");
        Assert.True(drained, "the jobs did not finish in 5 minutes\n" + JobLogs(sharded) + cluster.Diagnostics());
        Assert.True(cluster.JobState(finalJob) == "COMPLETED", $"final job {finalJob}: {cluster.JobState(finalJob)}\n{JobLogs(sharded)}");

        var reference = MbsimProcess.Run([.. Suite, "--parallel", "2", "--out", single]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        var expected = ResultStore.LoadRows(single);
        var actual = ResultStore.LoadRows(sharded);
        Assert.Equal(3 + 5 + 6, expected.Count); // N = 1,000 five times; 1, 2, 4 GPUs; six K on the best GPU count
        Assert.Equal(Comparable(expected), Comparable(actual));

        // Every test came from exactly one shard (the final run on the merged folder had nothing left to compute).
        AssertShardsPartition(sharded, "steps-1-2", expected.Where(r => r.Step != SuiteStep.KSensitivity));
        AssertShardsPartition(sharded, "step-3", expected.Where(r => r.Step == SuiteStep.KSensitivity));

        // The final job wrote the analysis and charts of the whole suite into the output folder.
        Assert.Equal(Analysis(single), Analysis(sharded));
        Assert.True(Directory.GetFiles(Path.Combine(sharded, "charts"), "*.html").Length > 0);
    }

    [Fact]
    public async Task A_failing_shard_cancels_every_job_that_depends_on_it()
    {
        using var cluster = SlurmCluster.StartOrSkip(TimeSpan.FromSeconds(60));
        using var tmp = new TempFiles();
        string output = Path.Combine(tmp.Folder, "out");

        // The trace is missing when the shards run: every shard fails, so no merge may run and nothing may be stored.
        string trace = Path.Combine(tmp.Folder, "missing.csv");
        var written = MbsimProcess.Run([.. Suite, "--dataset", trace, "--slurm-script", "2", "--out", output]);
        Assert.True(written.ExitCode == 0, written.Stderr);
        var submitted = cluster.Run(
            "bash",
            [Path.Combine(output, SlurmScript.FileName)],
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["MBSIM_CPUS_PER_TASK"] = "1" }
        );
        Assert.True(submitted.ExitCode == 0, submitted.Stderr + cluster.Diagnostics());
        string finalJob = submitted.Stdout.Trim().Split('\n')[^1];

        bool drained = await cluster.WaitForEmptyQueueAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        Assert.True(drained, "the dependent jobs were not cancelled (kill_invalid_depend)\n" + JobLogs(output) + cluster.Diagnostics());
        Assert.Equal("CANCELLED", cluster.JobState(finalJob));
        Assert.False(File.Exists(Path.Combine(output, ResultStore.CsvName)), "a merge ran after failed shards");
        Assert.Contains(Directory.GetFiles(Path.Combine(output, "slurm-logs")), log => File.ReadAllText(log).Contains(trace, StringComparison.Ordinal));
    }

    private static void AssertShardsPartition(string output, string stage, IEnumerable<ResultRow> expected)
    {
        var stepsOfStage = expected.Select(r => r.Step).ToHashSet();
        var perShard = Enumerable
            .Range(1, 2)
            .Select(i =>
                ResultStore
                    .LoadRows(Path.Combine(output, "shards", $"{stage}-{i}"))
                    .Where(r => stepsOfStage.Contains(r.Step))
                    .Select(r => r.TestKey)
                    .ToHashSet()
            )
            .ToArray();
        Assert.All(perShard, keys => Assert.NotEmpty(keys));
        // Step 3's shards also hold the merged Steps 1 and 2 they started from; only their own step's rows count here.
        Assert.Empty(perShard[0].Intersect(perShard[1]));
        Assert.Equal(expected.Select(r => r.TestKey).Order(), perShard[0].Union(perShard[1]).Order());
    }

    /// <summary>Every row's values except the volatile ones, by test key, as text (doubles round-trip exactly).</summary>
    private static SortedDictionary<string, string> Comparable(IEnumerable<ResultRow> rows) =>
        new(
            rows.ToDictionary(
                r => r.TestKey,
                r => string.Join(" | ", ResultSchema.Names.Select((name, i) => Volatile.Contains(name) ? "" : $"{name}={Format(r.Values[i])}"))
            ),
            StringComparer.Ordinal
        );

    private static string Format(object? value) =>
        value switch
        {
            null => "null",
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    /// <summary>analysis.json without its manifest (times, paths, machine).</summary>
    private static string Analysis(string folder)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, SuiteAnalysis.FileName)))!.AsObject();
        json.Remove("manifest");
        return json.ToJsonString();
    }

    private static string JobLogs(string output)
    {
        string logs = Path.Combine(output, "slurm-logs");
        return Directory.Exists(logs)
            ? string.Join('\n', Directory.GetFiles(logs).Order().Select(f => $"--- {Path.GetFileName(f)}:\n{File.ReadAllText(f)}"))
            : "(no job logs)";
    }
}
