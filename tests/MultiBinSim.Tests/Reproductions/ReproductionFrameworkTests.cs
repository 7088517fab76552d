using System.Globalization;
using CsvHelper;
using MultiBinSim.Errors;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Reporting;
using Registry = MultiBinSim.Experiments.Reproductions.Reproductions;

namespace MultiBinSim.Tests.Reproductions;

public class ReproductionFrameworkTests
{
    private static ReproductionResult Sample()
    {
        var table = new ReproductionTable(
            ReproductionColumn.Int("k", "bins"),
            ReproductionColumn.Double("value", "req/s"),
            ReproductionColumn.Text("label", "text"),
            ReproductionColumn.Bool("flag", "flag")
        );
        table.Add(1, 0.1, "a,b", true).Add(2, 1e-20, null, null);
        var chart = ReproductionCharts.Lines("t", "x (s)", "y (req/s)", [new ChartLine("line", [1.0, 2.0], [3.0, 4.0])]);
        return new ReproductionResult(
            "sample",
            "Sample",
            "paper",
            "setup",
            table,
            [chart],
            [PublishedComparison.Of("q (req/s)", 10, 10.5, 0.01, "n"), PublishedComparison.Of("r", 2, 2, null, "not public")]
        );
    }

    [Fact]
    public void Writer_writes_csv_in_column_order_and_an_offline_html_page_sharing_plotly()
    {
        using var tmp = new TempFiles();
        var files = ReproductionWriter.Write(Sample(), tmp.Folder);
        Assert.Equal(Path.Combine(tmp.Folder, "sample.csv"), files.CsvPath);
        using (var csv = new CsvReader(new StreamReader(files.CsvPath), CultureInfo.InvariantCulture))
        {
            csv.Read();
            csv.ReadHeader();
            Assert.Equal(["k", "value", "label", "flag"], csv.HeaderRecord!);
            Assert.True(csv.Read());
            Assert.Equal("a,b", csv.GetField(2));
            Assert.Equal(0.1, csv.GetField<double>(1));
            Assert.True(csv.Read());
            Assert.Equal(1e-20, csv.GetField<double>(1));
            Assert.Equal("", csv.GetField(3));
            Assert.False(csv.Read());
        }

        string html = File.ReadAllText(files.HtmlPath);
        string plotly = ChartHtml.PlotlyScript();
        // plotly.js once beside the page, referenced by a relative path, not inlined (3.6 MB per page before)
        Assert.Equal(plotly, File.ReadAllText(Path.Combine(tmp.Folder, ChartHtml.PlotlyFileName)));
        Assert.Contains($"<script src=\"{ChartHtml.PlotlyFileName}\"></script>", html);
        Assert.DoesNotContain(plotly[..2000], html);
        Assert.True(new FileInfo(files.HtmlPath).Length < 100_000, $"{files.HtmlPath}: {new FileInfo(files.HtmlPath).Length} bytes");
        Assert.True(File.Exists(files.JsonPath));
        string outsidePlotly = html;
        Assert.DoesNotContain("src=\"http", outsidePlotly);
        Assert.DoesNotContain("cdn", outsidePlotly, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Plotly.newPlot", outsidePlotly);
        Assert.Contains("x (s)", outsidePlotly); // axis titles with units
        Assert.Contains("hovertemplate", outsidePlotly);
        Assert.Contains("OUTSIDE", string.Join("\n", ReproductionReport.Lines(Sample())));
        Assert.Equal(html, ReproductionWriter.Html(Sample())); // deterministic bytes
    }

    [Fact]
    public void Notebook_frames_keep_every_comparison_and_the_typed_series()
    {
        var sample = Sample();
        var comparisons = sample.Comparisons();
        Assert.Equal(2, comparisons.Rows.Count);
        Assert.Equal(["quantity", "paper", "ours", "relative_difference", "tolerance", "verdict", "note"], comparisons.Columns.Select(c => c.Name));
        Assert.Equal("OUTSIDE", comparisons["verdict"][0]);
        Assert.Equal("not checked", comparisons["verdict"][1]);
        Assert.Null(comparisons["tolerance"][1]);
        Assert.Equal(0.05, (double)comparisons["relative_difference"][0]!, 12);

        var series = sample.SeriesFrame();
        Assert.Equal(["k", "value", "label", "flag"], series.Columns.Select(c => c.Name));
        Assert.Equal(typeof(int), series["k"].DataType);
        Assert.Equal(typeof(bool), series["flag"].DataType);
        Assert.Equal(1e-20, series["value"][1]);
        Assert.Null(series["label"][1]);
        Assert.Null(series["flag"][1]);
        Assert.Single(sample.Charts());
    }

    [Fact]
    public void Comparisons_know_when_they_are_within_tolerance()
    {
        var sample = Sample();
        Assert.False(sample.Comparisons[0].WithinTolerance);
        Assert.Equal(0.05, sample.Comparisons[0].RelativeDifference!.Value, 12);
        Assert.Null(sample.Comparisons[1].WithinTolerance);
        Assert.False(sample.AllWithinTolerance);
    }

    [Fact]
    public void Pass_fail_summary_counts_verdicts_and_fails_a_reproduction_with_an_outside_row()
    {
        var failing = Sample(); // one OUTSIDE, one not checked
        var passing = Sample() with
        {
            Name = "good",
            Comparisons = [PublishedComparison.Of("q", 10, 10.05, 0.01, "n"), PublishedComparison.Unpublished("own", 3, "kit")],
        };
        var summary = ReproductionFrames.PassFailSummary([failing, passing]);
        Assert.Equal(["reproduction", "within", "outside", "not_checked", "no_published_value", "result"], summary.Columns.Select(c => c.Name));
        Assert.Equal(3, summary.Rows.Count);
        Assert.Equal(["sample", "good", "all"], Enumerable.Range(0, 3).Select(i => (string)summary["reproduction"][i]));
        Assert.Equal([0, 1, 1], Enumerable.Range(0, 3).Select(i => (int)summary["within"][i]!));
        Assert.Equal([1, 0, 1], Enumerable.Range(0, 3).Select(i => (int)summary["outside"][i]!));
        Assert.Equal([1, 0, 1], Enumerable.Range(0, 3).Select(i => (int)summary["not_checked"][i]!));
        Assert.Equal([0, 1, 1], Enumerable.Range(0, 3).Select(i => (int)summary["no_published_value"][i]!));
        Assert.Equal(["FAIL", "pass", "FAIL"], Enumerable.Range(0, 3).Select(i => (string)summary["result"][i]));
        Assert.Equal("pass", ReproductionFrames.PassFailSummary([passing])["result"][1]);
    }

    [Fact]
    public void A_number_no_paper_has_shows_no_published_value_and_no_difference()
    {
        var own = PublishedComparison.Unpublished("gain (x)", 1.44, "the kit's own result");
        Assert.Null(own.PaperValue);
        Assert.Null(own.RelativeDifference);
        Assert.Null(own.WithinTolerance);
        Assert.Equal("no published value", own.Verdict);
        Assert.Equal("gain (x): no published value, ours 1.44 - the kit's own result", own.Describe());
        Assert.DoesNotContain("%", own.Describe());

        var result = Sample() with { Comparisons = [.. Sample().Comparisons, own] };
        Assert.False(result.AllWithinTolerance); // the OUTSIDE row, not the unpublished one
        var frame = result.Comparisons();
        Assert.Null(frame["paper"][2]);
        Assert.Null(frame["relative_difference"][2]);
        Assert.Equal(1.44, frame["ours"][2]);
        Assert.Equal("no published value", frame["verdict"][2]);
        Assert.Equal("not checked", frame["verdict"][1]);

        string html = ReproductionWriter.Html(result);
        Assert.Contains("<td>gain (x)</td><td>no published value</td><td>1.44</td><td></td>", html);
        using var json = System.Text.Json.JsonDocument.Parse(
            ReproductionReport.ToJson([new ReproductionOutcome(result, new ReproductionFiles("a.csv", "a.html"))])
        );
        var row = json.RootElement[0].GetProperty("comparisons")[2];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("paper_value").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("relative_difference").ValueKind);
        Assert.Equal(1.44, row.GetProperty("our_value").GetDouble());
    }

    [Fact]
    public void Table_converts_to_a_typed_data_frame()
    {
        var frame = Sample().Series.ToDataFrame();
        Assert.Equal(["k", "value", "label", "flag"], frame.Columns.Select(c => c.Name));
        Assert.Equal(typeof(int), frame.Columns["k"].DataType);
        Assert.Equal(typeof(double), frame.Columns["value"].DataType);
        Assert.Equal(2, frame.Columns["k"][1]);
        Assert.Null(frame.Columns["flag"][1]);
    }

    [Fact]
    public void Table_rejects_values_of_the_wrong_type()
    {
        var table = new ReproductionTable(ReproductionColumn.Int("k", "bins"));
        Assert.Throws<ArgumentException>(() => table.Add(1.0));
        Assert.Throws<ArgumentException>(() => table.Add(1, 2));
    }

    [Fact]
    public void Unknown_names_raise_one_configuration_error_listing_the_known_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry.Resolve(["multibin-fig3", "nope", "nada"]));
        var single = Assert.Single(error.Errors);
        Assert.Equal("Reproduction.Names", single.Property);
        Assert.Contains("'nope'", single.Message);
        Assert.Contains("'nada'", single.Message);
        Assert.All(Registry.Names, n => Assert.Contains(n, single.Message));
        Assert.Equal(Registry.All, Registry.Resolve(["all"]));
        Assert.Equal(["multibin-fig8", "multibin-fig3"], Registry.Resolve(["multibin-fig8", "MULTIBIN-FIG3", "multibin-fig8"]).Select(r => r.Name));
        Assert.Equal(Registry.All.Count, Registry.Names.Distinct().Count());
    }

    [Fact]
    public void Options_report_every_invalid_property()
    {
        var error = Assert.Throws<ConfigurationException>(() => new ReproductionOptions { Seeds = 0, Parallelism = 0 }.Validate());
        Assert.Equal(["Reproduction.Seeds", "Reproduction.Parallelism"], error.Errors.Select(e => e.Property));
    }

    [Fact]
    public void Results_are_identical_for_any_parallelism()
    {
        var serial = new MultiBinFig8().Run(
            new ReproductionOptions
            {
                Quick = true,
                Seeds = 1,
                Parallelism = 1,
            }
        );
        var parallel = new MultiBinFig8().Run(
            new ReproductionOptions
            {
                Quick = true,
                Seeds = 1,
                Parallelism = 3,
            }
        );
        Assert.Equal(ReproductionWriter.Csv(serial.Series), ReproductionWriter.Csv(parallel.Series));
        Assert.Equal(serial.Comparisons, parallel.Comparisons);
    }

    [Fact]
    public void Seeds_are_stable_and_distinct()
    {
        Assert.Equal(ReproductionRuns.Seed("multibin-fig3", 0), ReproductionRuns.Seed("multibin-fig3", 0));
        Assert.NotEqual(ReproductionRuns.Seed("multibin-fig3", 0), ReproductionRuns.Seed("multibin-fig3", 1));
        Assert.NotEqual(ReproductionRuns.Seed("multibin-fig3", 0), ReproductionRuns.Seed("multibin-fig4", 0));
    }
}
