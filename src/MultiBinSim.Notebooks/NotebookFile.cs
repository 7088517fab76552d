using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace MultiBinSim.Notebooks;

/// <summary>Reads and writes .ipynb notebooks (Microsoft.DotNet.Interactive.Documents), refusing what is not a C# notebook.</summary>
public static class NotebookFile
{
    public const string CSharpKernel = "csharp";

    public static InteractiveDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NotebookException($"{path}: file not found.");
        }

        string text = File.ReadAllText(path);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new NotebookException($"{path}: not a notebook: invalid JSON at line {(e.LineNumber ?? 0) + 1} ({e.Message.Split('.')[0]}).", e);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("cells", out _))
            {
                throw new NotebookException($"{path}: not a Jupyter notebook (no \"cells\" array).");
            }

            string? language = Language(json.RootElement);
            if (language is not null && !IsCSharp(language))
            {
                throw new NotebookException($"{path}: a {language} notebook; mbsim runs C# (.NET Interactive) notebooks.");
            }
        }

        InteractiveDocument document;
        try
        {
            document = Notebook.Parse(text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new NotebookException($"{path}: not a readable Jupyter notebook ({e.Message}).", e);
        }

        foreach (var cell in document.Elements.Where(e => string.IsNullOrEmpty(e.KernelName)))
        {
            cell.KernelName = CSharpKernel; // a code cell without language metadata runs in the notebook's (C#) kernel
        }

        var foreign = document.Elements.Where(IsCode).Select(e => e.KernelName).Where(k => k is not CSharpKernel and not "value").Distinct().ToArray();
        if (foreign.Length > 0)
        {
            throw new NotebookException($"{path}: has {string.Join(", ", foreign)} cells; mbsim runs C# notebooks only.");
        }

        return document;
    }

    /// <summary>Writes the notebook through a temporary file, so a failed write never leaves half a notebook.</summary>
    public static void Save(InteractiveDocument document, string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full + ".tmp", WithCellIds(Notebook.ToJupyterJson(document)), new UTF8Encoding(false));
        File.Move(full + ".tmp", full, overwrite: true);
    }

    /// <summary>
    /// nbformat 4.5 requires an id on every cell, which the Documents writer omits; give each cell a stable one
    /// (its position), so saving the same notebook twice gives the same bytes.
    /// </summary>
    private static string WithCellIds(string json)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        if (root["cells"] is System.Text.Json.Nodes.JsonArray cells)
        {
            for (int i = 0; i < cells.Count; i++)
            {
                if (cells[i] is System.Text.Json.Nodes.JsonObject cell && cell["id"] is null)
                {
                    cell["id"] = $"cell-{i + 1}";
                }
            }
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    public static bool IsCode(InteractiveDocumentElement element) => element.KernelName is not "markdown";

    public static IReadOnlyList<string> Tags(InteractiveDocumentElement element)
    {
        if (element.Metadata is null || !element.Metadata.TryGetValue("tags", out var tags) || tags is null)
        {
            return [];
        }

        return tags switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(t => t.ToString()).ToArray(),
            string single => [single],
            System.Collections.IEnumerable items => items.Cast<object?>().Select(t => t?.ToString() ?? "").ToArray(),
            _ => [],
        };
    }

    private static bool IsCSharp(string language) =>
        language.Equals("C#", StringComparison.OrdinalIgnoreCase) || language.Equals("csharp", StringComparison.OrdinalIgnoreCase)
        || language.Equals("polyglot-notebook", StringComparison.OrdinalIgnoreCase) || language.Equals(".net-csharp", StringComparison.OrdinalIgnoreCase);

    private static string? Language(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var metadata))
        {
            return null;
        }

        if (metadata.TryGetProperty("kernelspec", out var spec) && spec.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String)
        {
            return language.GetString();
        }

        return metadata.TryGetProperty("language_info", out var info) && info.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
    }
}
