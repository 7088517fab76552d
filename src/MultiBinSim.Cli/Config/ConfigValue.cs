using System.Globalization;

namespace MultiBinSim.Cli;

/// <summary>The kinds of values a configuration file holds.</summary>
internal enum ConfigValueKind
{
    /// <summary>A quoted string (TOML, YAML).</summary>
    String,

    /// <summary>An unquoted YAML scalar, read as the option's type needs (<c>100</c>, <c>true</c>, <c>vllm</c>).</summary>
    Plain,

    /// <summary>A TOML integer.</summary>
    Integer,

    /// <summary>A TOML float.</summary>
    Float,

    /// <summary>A TOML boolean.</summary>
    Boolean,

    /// <summary>An array (TOML) or sequence (YAML) of values.</summary>
    Array,

    /// <summary>A YAML null (<c>~</c>, <c>null</c> or nothing).</summary>
    Null,

    /// <summary>Anything no option takes (a date, a table, a mapping), described by <see cref="ConfigValue.Written"/>.</summary>
    Other,
}

/// <summary>One value of a configuration file, format-neutral.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Value">A string (String, Plain), long (Integer), double (Float), bool (Boolean), list of values (Array), or null.</param>
/// <param name="Written">How it is quoted in messages: <c>"abc"</c>, <c>12</c>, <c>an array</c>.</param>
internal sealed record ConfigValue(ConfigValueKind Kind, object? Value, string Written)
{
    public static ConfigValue Of(string value) => new(ConfigValueKind.String, value, Quote(value));

    public static ConfigValue Plain(string value) => new(ConfigValueKind.Plain, value, Quote(value));

    public static ConfigValue Of(long value) => new(ConfigValueKind.Integer, value, value.ToString(CultureInfo.InvariantCulture));

    public static ConfigValue Of(double value) => new(ConfigValueKind.Float, value, value.ToString("R", CultureInfo.InvariantCulture));

    public static ConfigValue Of(bool value) => new(ConfigValueKind.Boolean, value, value ? "true" : "false");

    public static ConfigValue Of(IReadOnlyList<ConfigValue> items) => new(ConfigValueKind.Array, items, "an array");

    public static ConfigValue Null { get; } = new(ConfigValueKind.Null, null, "null");

    public static ConfigValue Other(string description) => new(ConfigValueKind.Other, null, description);

    /// <summary><paramref name="text"/> in double quotes, as messages quote strings.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\""
            + text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\t", "\\t", StringComparison.Ordinal)
            + "\"";
    }
}
