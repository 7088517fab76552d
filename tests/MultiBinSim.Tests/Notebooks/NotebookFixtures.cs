using System.Text.Json;

namespace MultiBinSim.Tests.Notebooks;

/// <summary>Builds small .ipynb files for runner tests.</summary>
internal static class NotebookFixtures
{
    public static string Markdown(string text) =>
        JsonSerializer.Serialize(
            new
            {
                cell_type = "markdown",
                metadata = new { },
                source = text,
            }
        );

    public static string Code(string source, params string[] tags) =>
        JsonSerializer.Serialize(
            new
            {
                cell_type = "code",
                execution_count = (int?)null,
                metadata = tags.Length > 0
                    ? (object)new { tags, dotnet_interactive = new { language = "csharp" } }
                    : new { dotnet_interactive = new { language = "csharp" } },
                outputs = Array.Empty<object>(),
                source,
            }
        );

    public static string Notebook(params string[] cells) =>
        "{\"cells\": ["
        + string.Join(",", cells)
        + "], \"metadata\": {\"kernelspec\": {\"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\"}}, \"nbformat\": 4, \"nbformat_minor\": 4}";

    public static string Write(TempFiles tmp, string name, params string[] cells) => tmp.Write(name, Notebook(cells));
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    // The runner sets the process's working directory to the notebook's folder while it runs: keep these tests apart.
    public const string Name = "notebooks";
}
