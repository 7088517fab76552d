using System.Text.RegularExpressions;

namespace MultiBinSim.Tests.Architecture;

/// <summary>
/// The 160-column limit of <c>.editorconfig</c> (<c>max_line_length</c>), which CSharpier formats to and CI checks
/// (<c>dotnet csharpier check .</c>): a line may pass it only where a string literal that cannot be broken makes it so
/// (help text, a message) — without its longest literal, every line fits.
/// </summary>
public partial class LineLengthTests
{
    private const int Limit = 160;

    [Fact]
    public void Every_line_fits_in_160_columns_unless_a_string_literal_makes_it_long()
    {
        string root = RepositoryRoot();
        var offences = new List<string>();
        foreach (string folder in new[] { "src", "tests" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string line = lines[i];
                    if (line.Length <= Limit)
                    {
                        continue;
                    }

                    int longest = StringLiteral().Matches(line).Select(m => m.Length).DefaultIfEmpty(0).Max();
                    if (line.Length - longest > Limit)
                    {
                        offences.Add($"{relative}:{i + 1}: {line.Length} columns");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "lines over 160 columns (run dotnet csharpier format .; wrap comments by hand):\n" + string.Join('\n', offences));
    }

    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiBinSim.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MultiBinSim.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
