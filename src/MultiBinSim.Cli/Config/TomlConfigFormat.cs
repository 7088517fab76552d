using System.Globalization;
using Tomlyn.Helpers;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace MultiBinSim.Cli;

/// <summary>TOML configuration files (Tomlyn's syntax tree, which keeps every key's line): <c>[workload]</c> then <c>requests = 100000</c>.</summary>
internal sealed class TomlConfigFormat : ConfigFormat
{
    public override string Name => "toml";

    public override IReadOnlyList<string> Extensions { get; } = [".toml"];

    public override IReadOnlyList<ConfigEntry> Read(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, validate: true);
        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } error)
        {
            throw new ConfigFileException($"{path}:{error.Span.Start.Line + 1}: {error.Message.TrimEnd('.')}");
        }

        var entries = new List<ConfigEntry>();
        foreach (var item in document.KeyValues)
        {
            entries.Add(Entry(null, item));
        }

        foreach (var table in document.Tables)
        {
            string section = KeyText(table.Name!);
            if (table is TableArraySyntax)
            {
                throw new ConfigFileException($"{path}:{table.Span.Start.Line + 1}: [[{section}]]: arrays of tables are not used; write [{section}]");
            }

            entries.Add(ConfigEntry.Header(section, table.Span.Start.Line + 1));
            foreach (var item in table.Items)
            {
                entries.Add(Entry(section, item));
            }
        }

        return entries;
    }

    protected override string SectionHeader(string section) => $"[{section}]";

    protected override string KeyLine(string key, ConfigValue value) => $"{key} = {Format(value)}";

    protected override string NoteLine(string key, string? note) => $"# {key}: {note}";

    private static string Format(ConfigValue value) =>
        value.Kind switch
        {
            ConfigValueKind.String => TomlFormatHelper.ToString((string)value.Value!, TomlPropertyDisplayKind.Default),
            ConfigValueKind.Integer => ((long)value.Value!).ToString(CultureInfo.InvariantCulture),
            ConfigValueKind.Float => TomlFormatHelper.ToString((double)value.Value!),
            ConfigValueKind.Boolean => TomlFormatHelper.ToString((bool)value.Value!),
            ConfigValueKind.Array => "[" + string.Join(", ", ((IReadOnlyList<ConfigValue>)value.Value!).Select(Format)) + "]",
            _ => throw new InvalidOperationException($"A resolved configuration holds no {value.Kind} values."),
        };

    private static ConfigEntry Entry(string? section, KeyValueSyntax item) => new(section, KeyText(item.Key!), Value(item.Value!), item.Span.Start.Line + 1);

    /// <summary>A key as written, dotted parts joined with '.' (no option has a dotted key, so such a key is reported unknown).</summary>
    private static string KeyText(KeySyntax key)
    {
        var parts = new List<string> { Part(key.Key!) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(Part(dotted.Key!));
        }

        return string.Join('.', parts);
    }

    private static string Part(BareKeyOrStringValueSyntax key) =>
        key switch
        {
            BareKeySyntax bare => bare.Key!.Text!,
            StringValueSyntax quoted => quoted.Value!,
            _ => key.ToString()!.Trim(),
        };

    private static ConfigValue Value(ValueSyntax value) =>
        value switch
        {
            StringValueSyntax s => ConfigValue.Of(s.Value!),
            IntegerValueSyntax i => ConfigValue.Of(i.Value),
            FloatValueSyntax f => ConfigValue.Of(f.Value),
            BooleanValueSyntax b => ConfigValue.Of(b.Value),
            ArraySyntax a => ConfigValue.Of(a.Items.Select(item => Value(item.Value!)).ToList()),
            DateTimeValueSyntax => ConfigValue.Other("a date"),
            InlineTableSyntax => ConfigValue.Other("a table"),
            _ => ConfigValue.Other(value.ToString()!.Trim()),
        };
}
