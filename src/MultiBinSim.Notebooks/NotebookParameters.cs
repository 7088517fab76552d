using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>One parameter declared in a notebook's <c>parameters</c> cell.</summary>
public sealed record NotebookParameter(string Name, string Type, string DefaultSource);

/// <summary>
/// Papermill-style parameters: the cell tagged <c>parameters</c> declares them (<c>int MaxRequests = 10_000;</c> or
/// <c>var Dataset = "synthetic";</c>); given values become a new cell tagged <c>injected-parameters</c> right after it,
/// assigning each value as a literal of the declared C# type.
/// </summary>
public static partial class NotebookParameters
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    public static IReadOnlyList<NotebookParameter> Declared(InteractiveDocument document)
    {
        var cell = document.Elements.FirstOrDefault(e => NotebookFile.Tags(e).Contains(ParametersTag));
        if (cell is null)
        {
            return [];
        }

        var parameters = new List<NotebookParameter>();
        foreach (Match m in Declaration().Matches(cell.Contents))
        {
            string type = m.Groups["type"].Value;
            string value = m.Groups["value"].Value.Trim();
            parameters.Add(new NotebookParameter(m.Groups["name"].Value, type == "var" ? InferType(value) : type, value));
        }

        return parameters;
    }

    /// <summary>Inserts (or replaces) the injected-parameters cell. Unknown names and ill-typed values fail with a clear message.</summary>
    public static void Inject(InteractiveDocument document, IReadOnlyDictionary<string, string> values, string path)
    {
        if (values.Count == 0)
        {
            return;
        }

        int index = document.Elements.ToList().FindIndex(e => NotebookFile.Tags(e).Contains(ParametersTag));
        if (index < 0)
        {
            throw new NotebookException($"{path}: has no cell tagged '{ParametersTag}', so -p has nothing to set.");
        }

        var declared = new Dictionary<string, NotebookParameter>(StringComparer.Ordinal);
        foreach (var parameter in Declared(document))
        {
            if (!declared.TryAdd(parameter.Name, parameter))
            {
                throw new NotebookException($"{path}: cell '{ParametersTag}': declares {parameter.Name} twice.");
            }
        }

        var lines = new List<string> { "// Parameters injected by mbsim notebook run" };
        foreach (var (name, raw) in values)
        {
            if (!declared.TryGetValue(name, out var parameter))
            {
                throw new NotebookException($"{path}: unknown parameter '{name}'; known: {string.Join(", ", declared.Keys)}.");
            }

            lines.Add($"{name} = {Literal(parameter, raw, path)};");
        }

        var existing = document.Elements.ToList().FindIndex(e => NotebookFile.Tags(e).Contains(InjectedTag));
        if (existing >= 0)
        {
            document.Elements.RemoveAt(existing);
            index = document.Elements.ToList().FindIndex(e => NotebookFile.Tags(e).Contains(ParametersTag));
        }

        var injected = new InteractiveDocumentElement(string.Join("\n", lines), NotebookFile.CSharpKernel);
        injected.Metadata ??= new Dictionary<string, object>();
        injected.Metadata["tags"] = new[] { InjectedTag };
        document.Elements.Insert(index + 1, injected);
    }

    /// <summary>
    /// The C# literal for <paramref name="raw"/> as a value of the parameter's type; a value that is not one raises
    /// <see cref="NotebookException"/> naming the notebook (<paramref name="path"/>, when given) and the parameter.
    /// </summary>
    public static string Literal(NotebookParameter parameter, string raw, string? path = null)
    {
        string text = raw.Trim();
        string file = path is null ? "" : $"{path}: ";
        string Fail() => throw new NotebookException($"{file}parameter {parameter.Name} is {parameter.Type}; '{raw}' is not a valid {parameter.Type}.");
        switch (parameter.Type)
        {
            case "int":
                return int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)
                    ? i.ToString(CultureInfo.InvariantCulture)
                    : Fail();
            case "long":
                return long.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)
                    ? l.ToString(CultureInfo.InvariantCulture) + "L"
                    : Fail();
            case "double":
            case "float":
            case "decimal":
                if (
                    !double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                    || !double.IsFinite(d)
                    || (parameter.Type == "float" && Math.Abs(d) > float.MaxValue)
                    || (parameter.Type == "decimal" && Math.Abs(d) >= 7.9e28)
                )
                {
                    return Fail();
                }

                string suffix = parameter.Type switch
                {
                    "float" => "f",
                    "decimal" => "m",
                    _ => "",
                };
                return d.ToString("R", CultureInfo.InvariantCulture)
                    + (suffix.Length > 0 ? suffix : (d == Math.Floor(d) && !text.Contains('E', StringComparison.OrdinalIgnoreCase) ? ".0" : ""));
            case "bool":
                return bool.TryParse(text, out bool b) ? (b ? "true" : "false") : Fail();
            case "string":
                return SymbolDisplay.FormatLiteral(raw, quote: true);
            default:
                throw new NotebookException(
                    $"{file}parameter {parameter.Name} has type {parameter.Type}, which -p cannot set (use int, long, double, bool or string)."
                );
        }
    }

    private static string InferType(string literal)
    {
        if (literal is "true" or "false")
        {
            return "bool";
        }

        if (literal.StartsWith('"') || literal.StartsWith("@\"", StringComparison.Ordinal))
        {
            return "string";
        }

        string digits = literal.Replace("_", "");
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return n is >= int.MinValue and <= int.MaxValue ? "int" : "long";
        }

        if (digits.EndsWith('L') || digits.EndsWith('l'))
        {
            return "long";
        }

        return double.TryParse(digits.TrimEnd('d', 'D'), NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "double" : "unknown";
    }

    [GeneratedRegex(
        @"^[ \t]*(?<type>int|long|double|float|decimal|bool|string|var)[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*=[ \t]*(?<value>[^;\r\n]+);",
        RegexOptions.Multiline
    )]
    private static partial Regex Declaration();
}
