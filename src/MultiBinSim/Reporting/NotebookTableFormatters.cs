namespace MultiBinSim.Reporting;

/// <summary>
/// How a notebook kernel shows a <see cref="NotebookTable"/>: .NET Interactive finds this source through the
/// <see cref="TypeFormatterSourceAttribute"/> on the table (by convention: by names, so the library needs no .NET
/// Interactive reference) and asks it for one formatter per MIME type, each with a <c>MimeType</c>, the <c>Type</c> it
/// formats and <c>Format(object, TextWriter)</c>.
/// </summary>
public sealed class NotebookTableFormatters
{
    /// <summary>The formatters: HTML (<see cref="NotebookTable.ToHtml"/>) and plain text (<see cref="NotebookTable.ToText"/>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = ".NET Interactive calls it on an instance, by name.")]
    public IEnumerable<object> CreateTypeFormatters() => [new Formatter("text/html", t => t.ToHtml()), new Formatter("text/plain", t => t.ToText())];

    /// <summary>One MIME type's formatter, in the shape .NET Interactive's convention expects.</summary>
    public sealed class Formatter(string mimeType, Func<NotebookTable, string> write)
    {
        public string MimeType { get; } = mimeType;

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = ".NET Interactive reads it on an instance, by name.")]
        public Type Type => typeof(NotebookTable);

        /// <summary>Writes <paramref name="instance"/> when it is a table; false otherwise (another formatter then runs).</summary>
        public bool Format(object instance, TextWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (instance is not NotebookTable table)
            {
                return false;
            }

            writer.Write(write(table));
            return true;
        }
    }
}
