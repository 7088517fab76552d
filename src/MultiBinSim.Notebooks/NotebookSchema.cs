using System.Text.Json;

namespace MultiBinSim.Notebooks;

/// <summary>
/// Checks the parts of the nbformat 4 structure the runner and the .NET Interactive parser rely on (types of cells,
/// sources, outputs and metadata), so a damaged notebook fails with a <see cref="NotebookException"/> naming the JSON
/// path of the bad value (<c>cells[2].source</c>) rather than with whatever the parser happens to throw.
/// </summary>
internal static class NotebookSchema
{
    public static void Check(JsonElement root, string path)
    {
        OptionalObject(root, "metadata", "metadata", path, out var metadata);
        if (metadata is { } m)
        {
            OptionalObject(m, "kernelspec", "metadata.kernelspec", path, out var spec);
            if (spec is { } s)
            {
                OptionalString(s, "language", "metadata.kernelspec.language", path);
                OptionalString(s, "name", "metadata.kernelspec.name", path);
            }

            OptionalObject(m, "language_info", "metadata.language_info", path, out var info);
            if (info is { } i)
            {
                OptionalString(i, "name", "metadata.language_info.name", path);
            }

            CheckKernelInfo(m, "metadata", path);
        }

        if (root.TryGetProperty("nbformat", out var format) && format.ValueKind != JsonValueKind.Number)
        {
            throw Bad(path, "nbformat", "must be a number");
        }

        if (root.TryGetProperty("nbformat_minor", out var minor) && minor.ValueKind != JsonValueKind.Number)
        {
            throw Bad(path, "nbformat_minor", "must be a number");
        }

        var cells = root.GetProperty("cells");
        if (cells.ValueKind != JsonValueKind.Array)
        {
            throw Bad(path, "cells", "must be an array");
        }

        int index = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            CheckCell(cell, $"cells[{index++}]", path);
        }
    }

    private static void CheckCell(JsonElement cell, string where, string path)
    {
        if (cell.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, where, "must be an object");
        }

        if (!cell.TryGetProperty("cell_type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw Bad(path, where + ".cell_type", "must be a string (\"code\", \"markdown\" or \"raw\")");
        }

        if (!cell.TryGetProperty("source", out var source))
        {
            throw Bad(path, where + ".source", "is missing");
        }

        StringOrLines(source, where + ".source", path);
        if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
        {
            throw Bad(path, where + ".execution_count", "must be a number or null");
        }

        OptionalObject(cell, "metadata", where + ".metadata", path, out var metadata);
        if (metadata is { } m)
        {
            CheckKernelInfo(m, where + ".metadata", path);
            if (m.TryGetProperty("tags", out var tags))
            {
                if (tags.ValueKind != JsonValueKind.Array || tags.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                {
                    throw Bad(path, where + ".metadata.tags", "must be an array of strings");
                }
            }
        }

        if (cell.TryGetProperty("outputs", out var outputs))
        {
            if (outputs.ValueKind != JsonValueKind.Array)
            {
                throw Bad(path, where + ".outputs", "must be an array");
            }

            int o = 0;
            foreach (var output in outputs.EnumerateArray())
            {
                CheckOutput(output, $"{where}.outputs[{o++}]", path);
            }
        }
    }

    private static void CheckOutput(JsonElement output, string where, string path)
    {
        if (output.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, where, "must be an object");
        }

        if (!output.TryGetProperty("output_type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw Bad(path, where + ".output_type", "must be a string");
        }

        if (output.TryGetProperty("text", out var text))
        {
            StringOrLines(text, where + ".text", path);
        }

        foreach (string key in (string[])["name", "ename", "evalue"])
        {
            OptionalString(output, key, $"{where}.{key}", path);
        }

        if (output.TryGetProperty("traceback", out var traceback))
        {
            StringOrLines(traceback, where + ".traceback", path);
        }

        if (output.TryGetProperty("execution_count", out var count) && count.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
        {
            throw Bad(path, where + ".execution_count", "must be a number or null");
        }

        OptionalObject(output, "metadata", where + ".metadata", path, out _);
        OptionalObject(output, "data", where + ".data", path, out var data);
        if (data is { } d)
        {
            foreach (var item in d.EnumerateObject())
            {
                if (item.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object))
                {
                    throw Bad(path, $"{where}.data[\"{item.Name}\"]", "must be a string, an array of lines or an object");
                }

                if (item.Value.ValueKind == JsonValueKind.Array)
                {
                    StringOrLines(item.Value, $"{where}.data[\"{item.Name}\"]", path);
                }
            }
        }
    }

    /// <summary>.NET Interactive's own metadata: <c>dotnet_interactive.language</c>, <c>polyglot_notebook.kernelName</c> and the kernel info list.</summary>
    private static void CheckKernelInfo(JsonElement metadata, string where, string path)
    {
        foreach (var (key, name) in (ReadOnlySpan<(string, string)>)[("dotnet_interactive", "language"), ("polyglot_notebook", "kernelName")])
        {
            OptionalObject(metadata, key, $"{where}.{key}", path, out var info);
            if (info is { } i)
            {
                OptionalString(i, name, $"{where}.{key}.{name}", path);
                OptionalString(i, "defaultKernelName", $"{where}.{key}.defaultKernelName", path);
                if (i.TryGetProperty("items", out var items))
                {
                    if (items.ValueKind != JsonValueKind.Array)
                    {
                        throw Bad(path, $"{where}.{key}.items", "must be an array");
                    }

                    int n = 0;
                    foreach (var item in items.EnumerateArray())
                    {
                        string at = $"{where}.{key}.items[{n++}]";
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            throw Bad(path, at, "must be an object");
                        }

                        OptionalString(item, "name", at + ".name", path);
                        OptionalString(item, "languageName", at + ".languageName", path);
                        if (
                            item.TryGetProperty("aliases", out var aliases)
                            && (aliases.ValueKind != JsonValueKind.Array || aliases.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
                        )
                        {
                            throw Bad(path, at + ".aliases", "must be an array of strings");
                        }
                    }
                }
            }
        }
    }

    private static void StringOrLines(JsonElement value, string where, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(line => line.ValueKind != JsonValueKind.String))
        {
            throw Bad(path, where, "must be a string or an array of strings");
        }
    }

    private static void OptionalObject(JsonElement parent, string key, string where, string path, out JsonElement? value)
    {
        value = null;
        if (parent.TryGetProperty(key, out var found) && found.ValueKind != JsonValueKind.Null)
        {
            value = found.ValueKind == JsonValueKind.Object ? found : throw Bad(path, where, "must be an object");
        }
    }

    private static void OptionalString(JsonElement parent, string key, string where, string path)
    {
        if (parent.TryGetProperty(key, out var found) && found.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            throw Bad(path, where, "must be a string");
        }
    }

    private static NotebookException Bad(string path, string where, string problem) => new($"{path}: {where}: {problem}; not a notebook mbsim can read.");
}
