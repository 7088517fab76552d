using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace MultiBinSim.Reporting;

/// <summary>
/// A table as a notebook shows it to a reader: every column in its <see cref="ColumnFormat"/> (units in the headers,
/// numbers to 4 significant figures, fractions as %, empty cells in words), all rows up to <see cref="MaxRows"/> (no
/// pages that hide rows), no row index. A notebook cell ends with <c>frame.Formatted()</c>; the notebook kernel shows it
/// as HTML and as aligned text (<see cref="NotebookTableFormatters"/>). Presentation only: the DataFrame keeps its values.
/// </summary>
[TypeFormatterSource(typeof(NotebookTableFormatters), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class NotebookTable
{
    /// <summary>Tables up to this many rows are shown whole; longer ones show their first <see cref="MaxRows"/> rows and say so.</summary>
    public const int MaxRows = 60;

    private NotebookTable(IReadOnlyList<ColumnFormat> columns, IReadOnlyList<IReadOnlyList<string>> rows, long totalRows)
    {
        Columns = columns;
        Rows = rows;
        TotalRows = totalRows;
    }

    /// <summary>The columns' formats, in order.</summary>
    public IReadOnlyList<ColumnFormat> Columns { get; }

    /// <summary>The shown rows, each cell as text.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>How many rows the table has (more than <see cref="Rows"/> holds when it is longer than <see cref="MaxRows"/>).</summary>
    public long TotalRows { get; }

    /// <summary>The headers a reader sees.</summary>
    public IReadOnlyList<string> Headers => Columns.Select(c => c.Header).ToArray();

    /// <summary>The line under a table that shows only its first rows, or null when it shows all of them.</summary>
    public string? Note =>
        TotalRows > Rows.Count
            ? string.Create(CultureInfo.InvariantCulture, $"first {Rows.Count:N0} of {TotalRows:N0} rows shown (the DataFrame holds all of them)")
            : null;

    /// <summary>The DataFrame as a reader's table (see <see cref="NotebookTable"/>).</summary>
    public static NotebookTable Of(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var columns = frame.Columns.Select(c => ColumnFormat.For(c.Name, c.DataType)).ToArray();
        long shown = Math.Min(frame.Rows.Count, MaxRows);
        var rows = new List<IReadOnlyList<string>>((int)shown);
        for (long r = 0; r < shown; r++)
        {
            var cells = new string[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                cells[c] = columns[c].Cell(frame.Columns[c][r]);
            }

            rows.Add(cells);
        }

        return new NotebookTable(columns, rows, frame.Rows.Count);
    }

    // Text left, numbers right and unbroken (notebook front ends right-align every cell by default).
    private const string Style =
        "<style>.mbsim-table td,.mbsim-table th{text-align:left}.mbsim-table td.n,.mbsim-table th.n{text-align:right}.mbsim-table td.n{white-space:nowrap}</style>\n";

    /// <summary>An HTML table (headers, numbers right-aligned, every text escaped) and, when rows are left out, a line saying so.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder(Style).Append("<table class=\"mbsim-table\">\n<thead><tr>");
        foreach (var column in Columns)
        {
            html.Append(column.Numeric ? "<th class=\"n\">" : "<th>").Append(WebUtility.HtmlEncode(column.Header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < Columns.Count; c++)
            {
                html.Append(Columns[c].Numeric ? "<td class=\"n\">" : "<td>").Append(WebUtility.HtmlEncode(row[c])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (Note is { } note)
        {
            html.Append("<p><i>").Append(WebUtility.HtmlEncode(note)).Append("</i></p>\n");
        }

        return html.ToString();
    }

    /// <summary>The table as aligned plain text: a header line, a rule, one line per row; numbers right-aligned.</summary>
    public string ToText()
    {
        var widths = Columns.Select((c, i) => Rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells, bool header)
        {
            var parts = cells.Select((cell, i) => !header && Columns[i].Numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            text.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
        }

        Line(Headers, header: true);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in Rows)
        {
            Line(row, header: false);
        }

        if (Note is { } note)
        {
            text.Append(note).Append('\n');
        }

        return text.ToString();
    }

    public override string ToString() => ToText();
}

/// <summary>The <see cref="NotebookTable.Of"/> call as an extension, so a notebook cell ends with <c>frame.Formatted()</c>.</summary>
public static class NotebookTableExtensions
{
    /// <summary>The DataFrame as a reader's table (<see cref="NotebookTable"/>).</summary>
    public static NotebookTable Formatted(this DataFrame frame) => NotebookTable.Of(frame);
}
