using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace MultiBinSim.Notebooks;

/// <summary>Reads and writes .ipynb notebooks (Microsoft.DotNet.Interactive.Documents), refusing what is not a C# notebook.</summary>
public static class NotebookFile
{
    public const string CSharpKernel = "csharp";

    /// <summary>Largest notebook the runner reads: 64 MiB (the committed notebooks are under 300 KB).</summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>Deepest JSON nesting a notebook may have (nbformat needs about 6 levels).</summary>
    public const int MaxDepth = 64;

    public static InteractiveDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NotebookException($"{path}: file not found.");
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>
    /// Reads a notebook from <paramref name="stream"/> (left open); <paramref name="path"/> names it in messages.
    /// Anything that is not a readable C# Jupyter notebook (invalid JSON, a wrong type or a missing key, more than
    /// <see cref="MaxBytes"/> bytes or <see cref="MaxDepth"/> levels) raises <see cref="NotebookException"/> naming
    /// the file and where: a line and column, or the JSON path of the bad value (<c>cells[2].source</c>).
    /// </summary>
    public static InteractiveDocument Load(Stream stream, string path)
    {
        string text = ReadBounded(stream, path);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $":{line + 1}" + (e.BytePositionInLine is { } column ? $": column {column + 1}" : "") : "";
            throw new NotebookException($"{path}{where}: not a notebook: invalid JSON ({FirstSentence(e.Message)}).", e);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("cells", out _))
            {
                throw new NotebookException($"{path}: not a Jupyter notebook (no \"cells\" array).");
            }

            NotebookSchema.Check(json.RootElement, path);
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

        return root.ToJsonString(
                new JsonSerializerOptions
                {
                    WriteIndented = true,
                    IndentSize = 1,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            ) + "\n";
    }

    private static string ReadBounded(Stream stream, string path)
    {
        var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (bytes.Length + read > MaxBytes)
            {
                throw new NotebookException($"{path}: larger than {MaxBytes >> 20} MiB; not a notebook mbsim reads (is this the right file?).");
            }

            bytes.Write(buffer, 0, read);
        }

        using var reader = new StreamReader(
            new MemoryStream(bytes.GetBuffer(), 0, (int)bytes.Length),
            new UTF8Encoding(false),
            detectEncodingFromByteOrderMarks: true
        );
        return reader.ReadToEnd();
    }

    /// <summary>The first sentence of a parser's message, kept to one short line (it may quote the damaged text).</summary>
    private static string FirstSentence(string message)
    {
        string sentence = message.Split(". ")[0].TrimEnd('.');
        var text = new StringBuilder();
        foreach (char c in sentence.Length > 120 ? sentence[..120] : sentence)
        {
            text.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.ToString();
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
        language.Equals("C#", StringComparison.OrdinalIgnoreCase)
        || language.Equals("csharp", StringComparison.OrdinalIgnoreCase)
        || language.Equals("polyglot-notebook", StringComparison.OrdinalIgnoreCase)
        || language.Equals(".net-csharp", StringComparison.OrdinalIgnoreCase);

    private static string? Language(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (
            metadata.TryGetProperty("kernelspec", out var spec)
            && spec.ValueKind == JsonValueKind.Object
            && spec.TryGetProperty("language", out var language)
            && language.ValueKind == JsonValueKind.String
        )
        {
            return language.GetString();
        }

        return
            metadata.TryGetProperty("language_info", out var info)
            && info.ValueKind == JsonValueKind.Object
            && info.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
    }
}
