namespace MultiBinSim.Tests.Fixtures;

/// <summary>Paths of the committed test fixtures (in the source tree, found from the test binary by walking up to global.json).</summary>
internal static class FixturePaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "tests", "MultiBinSim.Tests", "Fixtures");

    /// <summary>A results folder written by release 0.1 (semantics core-1) with `mbsim suite --max-requests 2000 --max-gpus 4 --no-charts`.</summary>
    public static string PreviousReleaseResults => Path.Combine(Folder, "release-0.1-results");

    /// <summary>`mbsim run --requests 20000 --gpus 2 --json ARGS` of release 0.1, one JSON line per ARGS (execution time removed).</summary>
    public static string PreviousReleaseRuns => Path.Combine(Folder, "release-0.1-runs.jsonl");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No global.json above {AppContext.BaseDirectory}.");
    }
}
