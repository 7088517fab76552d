namespace MultiBinSim.Tests;

/// <summary>
/// Locates the read-only genuine traces in ../shared beside the project root. Tests that need them call
/// <see cref="RequireFile"/>, which skips the test with a clear message when the folder is absent (a fresh clone).
/// </summary>
internal static class SharedData
{
    public static string? Root { get; } = FindRoot();

    public static string RequireFile(string relativePath)
    {
        if (Root is null)
        {
            Assert.Skip(
                $"../shared is not present beside the project root; this test needs shared/{relativePath} (genuine trace data, never copied into the repo)."
            );
        }

        string path = Path.Combine(Root!, relativePath);
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} is missing; this test needs it.");
        }

        return path;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
