namespace MultiBinSim.Reporting;

/// <summary>
/// Names the formatter source of a type for .NET Interactive notebooks, matched by convention (this class's name and
/// its <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/> properties), so that the library shows its
/// tables in a notebook without referencing .NET Interactive.
/// </summary>
/// <param name="formatterSourceType">A class with a public parameterless constructor and a public <c>CreateTypeFormatters()</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a notebook shows the type in.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
