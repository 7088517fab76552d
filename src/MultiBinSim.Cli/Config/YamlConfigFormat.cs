using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiBinSim.Cli;

/// <summary>
/// YAML configuration files (YamlDotNet's representation model, which keeps every node's line): a mapping of sections,
/// each a mapping of keys (<c>workload:</c> then <c>  requests: 100000</c>). Unquoted scalars are read as the option's
/// type needs; quoted ones are strings.
/// </summary>
internal sealed class YamlConfigFormat : ConfigFormat
{
    public override string Name => "yaml";

    public override IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    public override IReadOnlyList<ConfigEntry> Read(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigFileException($"{path}:{e.Start.Line}: {OneLine(e.Message)}", e);
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigFileException($"{path}:{stream.Documents[1].RootNode.Start.Line}: a second YAML document; a configuration file holds one");
        }

        var entries = new List<ConfigEntry>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return entries;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigFileException($"{path}:{stream.Documents[0].RootNode.Start.Line}: expected sections (section: then its key: value lines)");
        }

        foreach (var (sectionNode, content) in root.Children)
        {
            string section = Scalar(sectionNode, path);
            switch (content)
            {
                case YamlMappingNode keys:
                    entries.Add(ConfigEntry.Header(section, (int)sectionNode.Start.Line));
                    foreach (var (keyNode, value) in keys.Children)
                    {
                        entries.Add(new ConfigEntry(section, Scalar(keyNode, path), Value(value), (int)keyNode.Start.Line));
                    }

                    break;
                case YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" }:
                    entries.Add(ConfigEntry.Header(section, (int)sectionNode.Start.Line)); // an empty section
                    break;
                default:
                    // A key outside any section (requests: 100), reported as such by the binding.
                    entries.Add(new ConfigEntry(null, section, Value(content), (int)sectionNode.Start.Line));
                    break;
            }
        }

        return entries;
    }

    protected override string SectionHeader(string section) => $"{section}:";

    protected override string KeyLine(string key, ConfigValue value) => $"  {key}: {Format(value)}";

    protected override string NoteLine(string key, string? note) => $"  # {key}: {note}";

    private static string Format(ConfigValue value) =>
        value.Kind switch
        {
            ConfigValueKind.String => DoubleQuoted((string)value.Value!),
            ConfigValueKind.Integer => ((long)value.Value!).ToString(CultureInfo.InvariantCulture),
            ConfigValueKind.Float => (double)value.Value! switch
            {
                double.PositiveInfinity => ".inf",
                double.NegativeInfinity => "-.inf",
                double.NaN => ".nan",
                var d => d.ToString("R", CultureInfo.InvariantCulture),
            },
            ConfigValueKind.Boolean => (bool)value.Value! ? "true" : "false",
            ConfigValueKind.Array => "[" + string.Join(", ", ((IReadOnlyList<ConfigValue>)value.Value!).Select(Format)) + "]",
            _ => throw new InvalidOperationException($"A resolved configuration holds no {value.Kind} values."),
        };

    /// <summary>A YAML double-quoted scalar: backslash escapes for quotes, backslashes and control characters.</summary>
    private static string DoubleQuoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            quoted.Append(
                c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                    _ => c.ToString(),
                }
            );
        }

        return quoted.Append('"').ToString();
    }

    private static string Scalar(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } text }
            ? text
            : throw new ConfigFileException($"{path}:{node.Start.Line}: expected a name (a key or a section), got {Describe(node)}");

    private static ConfigValue Value(YamlNode node) =>
        node switch
        {
            YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => ConfigValue.Null,
            YamlScalarNode { Style: ScalarStyle.Plain } plain => ConfigValue.Plain(plain.Value!),
            YamlScalarNode quoted => ConfigValue.Of(quoted.Value ?? ""),
            YamlSequenceNode sequence => ConfigValue.Of(sequence.Children.Select(Value).ToList()),
            _ => ConfigValue.Other(Describe(node)),
        };

    private static string Describe(YamlNode node) =>
        node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a sequence",
            _ => "a value",
        };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
}
