using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Reporting;

namespace MultiBinSim.Tests.Charts;

/// <summary>
/// The notebooks' one table formatter: significant figures, fractions as %, units in the headers from the metric
/// catalogue, empty cells in words, every row of a small table, and the .NET Interactive formatter found by convention.
/// </summary>
public partial class NotebookTableTests
{
    private static DataFrame Frame(params DataFrameColumn[] columns) => new(columns);

    [Fact]
    public void Numbers_have_four_significant_figures_and_whole_numbers_keep_their_digits()
    {
        var table = Frame(
                new DoubleDataFrameColumn("p95_latency", [58.910339928570544, 0.6476504459253033, 1234.567, 0.000123456]),
                new Int32DataFrameColumn("num_batches", [18441, 3, 1_000_000, 0])
            )
            .Formatted();

        Assert.Equal(["58.91", "0.6477", "1,235", "0.0001235"], table.Rows.Select(r => r[0]));
        Assert.Equal(["18,441", "3", "1,000,000", "0"], table.Rows.Select(r => r[1]));
    }

    [Fact]
    public void Fractions_and_relative_differences_are_percentages_with_the_unit_in_the_header()
    {
        var table = Frame(
                new DoubleDataFrameColumn("sla_violation_rate", [0.8855, 0.004444]),
                new DoubleDataFrameColumn("relative_difference", [0.0012345, 0.25]),
                new DoubleDataFrameColumn("tolerance", [0.01, 0.025])
            )
            .Formatted();

        Assert.Equal(["SLA violation rate (%)", "relative difference (%)", "tolerance (%)"], table.Headers);
        Assert.Equal(["88.55", "0.1235", "1"], table.Rows[0]);
        Assert.Equal(["0.4444", "25", "2.5"], table.Rows[1]);
    }

    [Fact]
    public void Headers_carry_the_catalogue_title_and_unit()
    {
        var table = Frame(
                new StringDataFrameColumn("scheduler_type", ["static_fifo"]),
                new DoubleDataFrameColumn("capacity_qps_under_sla", [5.5]),
                new DoubleDataFrameColumn("p99_ttft", [0.2]),
                new DoubleDataFrameColumn("avg_batch_size", [3.0]),
                new DoubleDataFrameColumn("capacity_qps_under_sla_ci_high", [6.0]),
                new DoubleDataFrameColumn("sla_violation_rate_mean", [0.5]),
                new DoubleDataFrameColumn("gain_vs_one_bin", [1.5]),
                new Int32DataFrameColumn("num_gpus", [8]),
                new DoubleDataFrameColumn("some_new_column", [2.0])
            )
            .Formatted();

        Assert.Equal(
            [
                "scheduler",
                "capacity under SLA (req/s)",
                "p99 TTFT (s)",
                "average batch size (requests)",
                "capacity under SLA, 95 % CI high (req/s)",
                "SLA violation rate, mean (%)",
                "capacity under SLA relative to K = 1 (x)",
                "GPUs",
                "some new column",
            ],
            table.Headers
        );
        Assert.Equal("50", table.Rows[0][5]);
    }

    [Fact]
    public void Empty_cells_say_what_they_mean()
    {
        var comparisons = new ReproductionResult(
            "r",
            "title",
            "paper",
            "setup",
            new ReproductionTable(ReproductionColumn.Text("none", "")),
            [],
            [
                PublishedComparison.Of("plateau (req/s)", 10, 10.2, 0.05, ""),
                new PublishedComparison("measured on GPUs (req/s)", 5.4, 2.52, 0.5333, null, "real GPUs"),
                PublishedComparison.Unpublished("ours only (req/s)", 1.25, "the kit's own"),
            ]
        )
            .Comparisons()
            .Formatted();

        Assert.Equal(["quantity", "paper", "ours", "relative difference (%)", "tolerance (%)", "verdict", "note"], comparisons.Headers);
        Assert.Equal(["plateau (req/s)", "10", "10.2", "2", "5", "within", ""], comparisons.Rows[0]);
        Assert.Equal("not checked", comparisons.Rows[1][4]);
        Assert.Equal(["ours only (req/s)", "no published value", "1.25", "-", "not checked", "no published value", "the kit's own"], comparisons.Rows[2]);
        Assert.DoesNotContain("<null>", comparisons.ToHtml());
        Assert.Equal("-", Frame(new DoubleDataFrameColumn("p95_latency", [double.NaN])).Formatted().Rows[0][0]);
        Assert.Equal("-", Frame(new DoubleDataFrameColumn("p95_latency", [(double?)null])).Formatted().Rows[0][0]);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(NotebookTable.MaxRows, NotebookTable.MaxRows)]
    [InlineData(NotebookTable.MaxRows + 1, NotebookTable.MaxRows)]
    [InlineData(500, NotebookTable.MaxRows)]
    public void Small_tables_show_every_row_and_long_ones_say_how_many_are_left_out(int rows, int shown)
    {
        var table = Frame(new Int32DataFrameColumn("k_bins", Enumerable.Range(1, rows))).Formatted();

        Assert.Equal(shown, table.Rows.Count);
        Assert.Equal(rows, table.TotalRows);
        string html = table.ToHtml();
        Assert.Equal(shown + 1, BodyRow().Count(html)); // the header row and one per shown row, no hidden pages
        Assert.DoesNotContain("display: none", html);
        Assert.Equal(rows > shown, table.Note is not null);
        if (rows > shown)
        {
            Assert.Contains($"first {shown} of {rows:N0} rows", html);
            Assert.Contains($"first {shown} of {rows:N0} rows", table.ToText());
        }
    }

    [Fact]
    public void Text_and_html_escape_and_align()
    {
        var table = Frame(new StringDataFrameColumn("run", ["a <b> & c", "long name here"]), new DoubleDataFrameColumn("p95_latency", [1.5, 12.25]))
            .Formatted();

        Assert.Contains("<td>a &lt;b&gt; &amp; c</td><td class=\"n\">1.5</td>", table.ToHtml());
        var lines = table.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("run             p95 latency (s)", lines[0]);
        Assert.Equal("a <b> & c                   1.5", lines[2]);
        Assert.Equal("long name here            12.25", lines[3]);
    }

    [Fact]
    public void Dotnet_interactive_finds_the_html_and_text_formatters_by_convention()
    {
        // .NET Interactive looks for an attribute named TypeFormatterSourceAttribute with these two properties, creates the
        // source and calls CreateTypeFormatters(); each formatter has MimeType, Type and Format(object, TextWriter).
        var attribute = Assert.Single(typeof(NotebookTable).GetCustomAttributes(true), a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        Assert.Equal(["text/html", "text/plain"], (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!);

        var source = Activator.CreateInstance(sourceType)!;
        var formatters = ((IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).ToArray();
        var table = Frame(new DoubleDataFrameColumn("avg_tpot", [0.05])).Formatted();
        var written = formatters.ToDictionary(
            f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!,
            f =>
            {
                Assert.Equal(typeof(NotebookTable), f.GetType().GetProperty("Type")!.GetValue(f));
                using var writer = new StringWriter();
                Assert.True((bool)f.GetType().GetMethod("Format")!.Invoke(f, [table, writer])!);
                Assert.False((bool)f.GetType().GetMethod("Format")!.Invoke(f, ["not a table", writer])!);
                return writer.ToString();
            }
        );

        Assert.Equal(table.ToHtml(), written["text/html"]);
        Assert.Equal(table.ToText(), written["text/plain"]);
    }

    [GeneratedRegex("<tr>")]
    private static partial Regex BodyRow();
}
