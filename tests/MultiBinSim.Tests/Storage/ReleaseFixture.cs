using System.Globalization;
using CsvHelper;

namespace MultiBinSim.Tests.Storage;

/// <summary>
/// The results folder written by the previous release (0.1, semantics core-1; generated with the release code, never
/// regenerated). Tests always work on a temporary copy, never in place.
/// </summary>
internal static class ReleaseFixture
{
    public static string Folder { get; } = Find();

    /// <summary>Copies the fixture folder to <paramref name="destination"/> and returns it.</summary>
    public static string CopyTo(string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        return destination;
    }

    /// <summary>The fixture journal's fields as text, read by a plain CSV parser (not the store's): header, then rows.</summary>
    public static (string[] Header, List<string[]> Rows) JournalText(string? path = null)
    {
        using var reader = new StreamReader(path ?? Path.Combine(Folder, "all_results.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, header.Length).Select(i => csv.GetField(i) ?? "").ToArray());
        }

        return (header, rows);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "MultiBinSim.Tests", "Fixtures", "release-0.1-results");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/MultiBinSim.Tests/Fixtures/release-0.1-results not found above " + AppContext.BaseDirectory);
    }
}
