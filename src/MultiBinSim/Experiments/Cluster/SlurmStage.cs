namespace MultiBinSim.Experiments.Cluster;

/// <summary>
/// One job array of a <see cref="SlurmJob"/>: every shard runs the command with the job's arguments plus
/// <see cref="Arguments"/>, into its own folder.
/// </summary>
public sealed record SlurmStage
{
    /// <summary>Short name used in job names and shard folder names (letters, digits and '-'), e.g. <c>steps-1-2</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Arguments only this stage passes (e.g. <c>--step 1,2</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// The positions, in the command's whole test list, of the tests this stage runs; a shard I of N runs those with
    /// position % N == I - 1 (the round-robin of <see cref="SuitePlanner.InShard"/>). Used to refuse shards that would get no test.
    /// </summary>
    public required IReadOnlyList<int> TestIndices { get; init; }

    /// <summary>
    /// Whether each shard first merges the job's output folder into its own folder, so that it sees what earlier stages
    /// stored there (Step 3 reads Step 2's best GPU count from the store).
    /// </summary>
    public bool SeedFromOutput { get; init; }

    /// <summary>What the stage runs, for the script's comments (e.g. "steps 1, 2").</summary>
    public string Description { get; init; } = "";
}
