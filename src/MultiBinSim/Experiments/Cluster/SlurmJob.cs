namespace MultiBinSim.Experiments.Cluster;

/// <summary>
/// A sharded <c>mbsim</c> command as Slurm runs it: one job array per stage (each depending on the merge of the previous
/// stage), a merge after each stage and, last, the same command on the merged output folder, which finds every test
/// stored and writes the analysis and charts. <see cref="SlurmScript"/> turns it into <c>submit.sh</c>.
/// </summary>
public sealed record SlurmJob
{
    /// <summary>
    /// How to start the same mbsim that described the job, absolute (e.g. <c>/usr/bin/dotnet /opt/mbsim/mbsim.dll</c>); see
    /// <see cref="MbsimInvocation.Current"/>.
    /// </summary>
    public required IReadOnlyList<string> Mbsim { get; init; }

    /// <summary>The subcommand, e.g. <c>suite</c> or <c>capacity</c>.</summary>
    public required string Command { get; init; }

    /// <summary>The options that define the tests; identical in every shard and in the final run, so test keys match.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Options only the shards pass (e.g. <c>--force</c>, <c>--no-charts</c>).</summary>
    public IReadOnlyList<string> ShardArguments { get; init; } = [];

    /// <summary>Options only the final run on the merged folder passes (e.g. the user's <c>--step</c> list).</summary>
    public IReadOnlyList<string> FinalArguments { get; init; } = [];

    /// <summary>The output folder, absolute; shards write under <c>shards/</c> in it, job logs under <c>slurm-logs/</c>.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>
    /// The folder every job starts in (absolute), so relative paths in <see cref="Arguments"/> mean what they meant when the script was written.
    /// </summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Shards per stage (the N of <c>--shard I/N</c>).</summary>
    public required int Shards { get; init; }

    /// <summary>The job arrays, in dependency order.</summary>
    public required IReadOnlyList<SlurmStage> Stages { get; init; }

    /// <summary>
    /// The most CPUs a job asks when <c>MBSIM_CPUS_PER_TASK</c> is not set at submission: submit.sh asks the partition's
    /// largest node (<c>sinfo</c>) and takes the smaller of the two (this when sinfo says nothing), so that no job asks more
    /// than a node has and pends forever. Each shard runs <c>--parallel $SLURM_CPUS_PER_TASK</c>.
    /// </summary>
    public int CpusPerTask { get; init; } = 4;

    /// <summary>
    /// Whether the final job gathers the shards' files instead of merging result stores: it copies every file of each
    /// shard folder into <see cref="OutputFolder"/> and runs nothing else (for commands whose shards write independent
    /// files, as <c>mbsim reproduce</c> writes NAME.csv and NAME.html per figure). Needs a single stage.
    /// </summary>
    public bool GatherFiles { get; init; }

    /// <summary>The command line that wrote the script, for its header comment.</summary>
    public string? GeneratedBy { get; init; }

    /// <summary>The folder of shard <paramref name="index"/> of <paramref name="stage"/>.</summary>
    public string ShardFolder(SlurmStage stage, int index) => Path.Combine(OutputFolder, "shards", $"{stage.Name}-{index}");

    /// <summary>Every error of the description at once (<see cref="Errors.ConfigurationException"/>).</summary>
    public void Validate()
    {
        var errors = new Errors.ValidationErrors(nameof(SlurmJob));
        errors.Require(Mbsim.Count > 0 && Mbsim.All(Path.IsPathFullyQualified), nameof(Mbsim), "must start with an absolute path");
        errors.Require(Path.IsPathFullyQualified(OutputFolder), nameof(OutputFolder), $"must be absolute (got '{OutputFolder}')");
        errors.Require(Path.IsPathFullyQualified(WorkingDirectory), nameof(WorkingDirectory), $"must be absolute (got '{WorkingDirectory}')");
        errors.Require(Shards >= 1, nameof(Shards), $"must be at least 1 (got {Shards})");
        errors.Require(CpusPerTask >= 1, nameof(CpusPerTask), $"must be at least 1 (got {CpusPerTask})");
        errors.Require(Stages.Count > 0, nameof(Stages), "needs at least one stage");
        errors.Require(!GatherFiles || Stages.Count == 1, nameof(GatherFiles), $"needs exactly one stage (got {Stages.Count})");
        foreach (var stage in Stages)
        {
            errors.Require(
                stage.Name.Length > 0 && stage.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'),
                nameof(Stages),
                $"stage name '{stage.Name}' must be letters, digits and '-'"
            );
            int covered = Shards < 1 ? 0 : stage.TestIndices.Select(i => i % Shards).Distinct().Count();
            if (Shards >= 1 && !stage.SeedFromOutput && covered < Shards)
            {
                int most = Enumerable.Range(1, Shards).Where(n => stage.TestIndices.Select(i => i % n).Distinct().Count() == n).DefaultIfEmpty(0).Last();
                errors.Add(
                    nameof(Shards),
                    $"{Shards} shards leave {Shards - covered} shard(s) of {Describe(stage)} without a test ({stage.TestIndices.Count} tests); use at most {most}"
                );
            }
        }

        errors.ThrowIfAny();
    }

    private static string Describe(SlurmStage stage) => stage.Description.Length > 0 ? stage.Description : stage.Name;
}
