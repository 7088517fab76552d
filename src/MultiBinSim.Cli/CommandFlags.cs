namespace MultiBinSim.Cli;

/// <summary>Library property names of the commands' own options (suite, capacity, run) -> their flags, for error messages.</summary>
internal static class CommandFlags
{
    public static IReadOnlyDictionary<string, string> Flags { get; } =
        new Dictionary<string, string>
        {
            ["Gpus"] = "--gpus",
            ["Engine"] = "--engine",
            ["MetricsMode"] = "--metrics-mode",
            ["Requests"] = "--requests",
            ["Steps"] = "--step",
            ["MaxRequests"] = "--max-requests",
            ["MaxGpus"] = "--max-gpus",
            ["BestGpuCount"] = "--best-gpu-count",
            ["KSweepAt"] = "--k-sweep-at",
            ["LoadLevel"] = "--load",
            ["Seeds"] = "--seeds",
            ["Parallelism"] = "--parallel",
            ["Shard"] = "--shard",
            ["Schedulers"] = "--schedulers",
            ["Ks"] = "--k",
            ["Target"] = "--target",
            ["Tolerance"] = "--tolerance",
            ["Attainment"] = "--attainment",
            ["Policies"] = "--policies",
            ["ContinuousVariants"] = "--policies",
            ["Inputs"] = "INPUT",
            ["File"] = "--file",
            ["Latency"] = "--calibration",
            ["SlurmJob.Shards"] = "--slurm-script",
            ["SlurmShard"] = "--shard",
            ["DatasetName"] = "DATASET",
            ["Parameter"] = "-p",
            ["Timeout"] = "--timeout",
            [MultiBinSim.Storage.RequestRecords.Property] = "--requests-out",
        };
}
