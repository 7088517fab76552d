namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// The inputs that once failed a fuzz run, kept as files under Fuzz/Regressions/ (copied beside the tests) and named
/// <c>FORMAT-what.ext</c>. <see cref="RegressionCaseTests"/> replays all of them.
/// </summary>
internal static class Regressions
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));
}
