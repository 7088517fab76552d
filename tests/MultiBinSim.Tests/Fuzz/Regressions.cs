namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// The inputs that once failed a fuzz run, kept as files under Fuzz/Regressions/ (copied beside the tests) and named
/// <c>FORMAT-what.ext</c>. A format's test file runs its own with <c>[MemberData]</c> over <see cref="Files"/>.
/// </summary>
internal static class Regressions
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions");

    /// <summary>The regression files of one format (by name prefix), as theory data.</summary>
    public static TheoryData<string> Files(string format)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Folder, format + "-*").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));
}
