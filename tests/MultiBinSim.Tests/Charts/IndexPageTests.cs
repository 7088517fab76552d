using System.Text.RegularExpressions;
using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Tests.Experiments;
using MultiBinSim.Tests.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Charts;

/// <summary>The results folders' front pages (index.html) of every command that writes one: complete links, the configuration, the same bytes twice.</summary>
public partial class IndexPageTests
{
    [Fact]
    public async Task Suite_and_capacity_index_links_every_chart_and_data_file_and_is_deterministic()
    {
        using var tmp = new TempFiles();
        var options = SuiteFixture.Small(tmp.Folder) with { WriteCharts = true, MaxRequests = 2000 };
        await new SuiteRunner(options, charts: new SuiteChartWriter("mbsim suite test")).RunAsync();
        string index = Path.Combine(tmp.Folder, IndexHtml.FileName);
        string first = File.ReadAllText(index);
        AssertLinksComplete(tmp.Folder, first);
        Assert.Contains("<td>max_requests</td><td>" + IndexHtml.Number(options.MaxRequests, 10) + "</td>", first);
        Assert.Contains("<td>workload.rps_scaling</td><td>200</td>", first);
        Assert.Contains("mbsim suite test", first);
        Assert.Contains("Step 3: K verdict", first);
        Assert.DoesNotContain("<script", first);
        Assert.DoesNotContain("start_time", first);
        Assert.All(Directory.GetFiles(Path.Combine(tmp.Folder, "charts"), "*.html"), page => Assert.NotNull(ChartHtml.FindingOf(File.ReadAllText(page))));

        // Resumed with everything stored: the same results give the same bytes.
        await new SuiteRunner(options, charts: new SuiteChartWriter("mbsim suite test")).RunAsync();
        Assert.Equal(first, File.ReadAllText(index));

        // A capacity search into the same folder keeps the suite's results on the page and adds its own.
        var capacity = new CapacitySweepOptions
        {
            Workload = new MultiBinSim.Workloads.WorkloadOptions { Requests = 500 },
            Schedulers = [MultiBinSim.Scheduling.Schedulers.Parse("static_fifo")],
            Gpus = [1],
            OutputFolder = tmp.Folder,
            Parallelism = 1,
        };
        await CapacitySweep.RunAsync(capacity, charts: new SuiteChartWriter("mbsim capacity test"));
        string withCapacity = File.ReadAllText(index);
        AssertLinksComplete(tmp.Folder, withCapacity);
        Assert.Contains("Step 3: K sensitivity", withCapacity);
        Assert.Contains("capacity_vs_gpus.html", withCapacity);
        Assert.Contains("capacity_search.json", withCapacity);
        Assert.Contains("<td>tolerance</td><td>0.01</td>", withCapacity);
        await CapacitySweep.RunAsync(capacity, charts: new SuiteChartWriter("mbsim capacity test"));
        Assert.Equal(withCapacity, File.ReadAllText(index));
    }

    [Fact]
    public void Sweep_index_shows_the_configuration_finding_and_rows_links_every_chart_and_keeps_every_sweep()
    {
        using var tmp = new TempFiles();
        var sweep = PredictorSweep.Run(
            SyntheticBurstGpt.Generate(2_000),
            2_000,
            gpus: 2,
            variants: [PredictorVariant.Defaults[0], PredictorVariant.Defaults[3]],
            ks: [1, 4]
        );
        SweepFiles WritePredictors() =>
            SweepReport.Write(
                tmp.Folder,
                SweepOutput.Predictors,
                sweep,
                [
                    new SweepChart(
                        "predictor_sweep.html",
                        SuiteCharts.PredictorSweep(sweep, DerivedMetric.GainVersusCommonBaseline),
                        ChartFindings.Predictors(sweep, DerivedMetric.GainVersusCommonBaseline)
                    ),
                    new SweepChart(
                        "predictor_sweep_capacity.html",
                        SuiteCharts.PredictorSweep(sweep, MetricCatalogue.CapacityQpsUnderSla),
                        ChartFindings.Predictors(sweep, MetricCatalogue.CapacityQpsUnderSla)
                    ),
                ],
                Datasets.Synthetic,
                new { Requests = 2_000, Ks = new[] { 1, 4 } },
                "the predictors' finding",
                "mbsim sweep predictors test"
            );

        var files = WritePredictors();
        string first = File.ReadAllText(files.Index);
        AssertLinksComplete(tmp.Folder, first);
        Assert.Equal(2, files.Charts.Count);
        Assert.All(files.Charts, page => Assert.NotNull(ChartHtml.FindingOf(File.ReadAllText(page))));
        Assert.Contains("mbsim sweep predictors test", first);
        Assert.Contains("<td>ks</td><td>1, 4</td>", first); // the resolved configuration, from the manifest
        Assert.Contains("<b>Finding.</b> the predictors&#39; finding", first);
        Assert.Contains("(4 rows; predictor_sweep.csv)", first);
        Assert.Contains($"<td class=\"n\">{IndexHtml.Number((double)sweep.Columns["capacity_qps_under_sla"][3])}</td>", first);
        Assert.DoesNotContain("stored tests", first); // no journal here: nothing to count
        Assert.DoesNotContain("<script", first);
        Assert.Equal(first, File.ReadAllText(WritePredictors().Index)); // the same sweep gives the same bytes

        // A second sweep into the same folder keeps the first on the page.
        var result = PdRatioSweep.Run(
            Workload.FromColumns([0, 0.1, 0.2, 0.3], [100, 200, 300, 400], [10, 20, 30, 40], [10, 20, 30, 40]),
            null,
            MultiBinSim.Tests.Continuous.ContinuousScenario.Config(new MultiBinSim.Simulation.Continuous.ContinuousOptions { KvBlocks = 500 }),
            gpus: 2
        );
        var pd = SweepReport.Write(
            tmp.Folder,
            SweepOutput.PdRatio,
            result.ToFrame(),
            [new SweepChart("pd_ratio_sweep.html", PdRatioChart.Create(result, 4), result.Finding)],
            Datasets.Synthetic,
            new { Gpus = 2 },
            result.Finding,
            "mbsim sweep pd-ratio test"
        );
        string both = File.ReadAllText(pd.Index);
        AssertLinksComplete(tmp.Folder, both);
        Assert.Contains("(4 rows; predictor_sweep.csv)", both);
        Assert.Contains("(2 rows; pd_ratio_sweep.csv)", both);
        Assert.Contains(result.Finding, System.Net.WebUtility.HtmlDecode(both));
        Assert.Contains("mbsim sweep pd-ratio test", both);
    }

    [Fact]
    public async Task Results_merge_writes_the_front_page_of_the_merged_folder()
    {
        using var tmp = new TempFiles();
        string merged = Path.Combine(tmp.Folder, "merged");
        var (rows, _) = await ResultsMerger.MergeAsync(
            merged,
            [ReleaseFixture.CopyTo(Path.Combine(tmp.Folder, "release"))],
            new SuiteChartWriter("mbsim results merge test")
        );
        string html = File.ReadAllText(Path.Combine(merged, IndexHtml.FileName));
        AssertLinksComplete(merged, html);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(merged, "charts"), "*.html"));
        Assert.Contains("mbsim results merge test", html);
        Assert.Contains($"<td>stored tests</td><td>{rows:N0} (", html);
        Assert.Contains("Summary tables", html);
    }

    [Fact]
    public void Reproduction_index_keeps_every_reproduction_and_pages_share_one_plotly_file()
    {
        using var tmp = new TempFiles();
        var options = new ReproductionOptions
        {
            Quick = true,
            Seeds = 1,
            OutputFolder = tmp.Folder,
            Parallelism = 1,
        };
        ReproductionWriter.Write(Sample("one"), tmp.Folder, options);
        ReproductionIndex.Write(tmp.Folder, "mbsim reproduce one");
        ReproductionWriter.Write(Sample("two"), tmp.Folder, options);
        string index = ReproductionIndex.Write(tmp.Folder, "mbsim reproduce two");
        string html = File.ReadAllText(index);
        AssertLinksComplete(tmp.Folder, html);
        Assert.Contains("one.html", html); // the earlier run's reproduction stays on the page
        Assert.Contains("two.html", html);
        Assert.Contains("<th>quick</th>", html);
        Assert.Contains(ReproductionReport.Finding(Sample("one")), System.Net.WebUtility.HtmlDecode(html));
        Assert.Equal(html, ReproductionIndex.Html(tmp.Folder, "mbsim reproduce two"));
        string plotly = Path.Combine(tmp.Folder, ChartHtml.PlotlyFileName);
        Assert.True(new FileInfo(plotly).Length > 1_000_000);
        foreach (string name in new[] { "one", "two" })
        {
            string page = Path.Combine(tmp.Folder, name + ".html");
            Assert.Contains($"<script src=\"{ChartHtml.PlotlyFileName}\"></script>", File.ReadAllText(page));
            Assert.True(new FileInfo(page).Length < 100_000);
        }
    }

    [Fact]
    public void Numbers_are_readable()
    {
        Assert.Equal("0.04632", IndexHtml.Number(0.046321));
        Assert.Equal("12,346", IndexHtml.Number(12345.6));
        Assert.Equal("1,000,000", IndexHtml.Number(1_000_000));
        Assert.Equal("8.8", IndexHtml.Percent(0.088));
        Assert.Equal("-", IndexHtml.Number(double.NaN));
        Assert.Equal("a&lt;b", IndexHtml.Encode("a<b"));
    }

    private static ReproductionResult Sample(string name)
    {
        var table = new ReproductionTable(ReproductionColumn.Int("k", "bins"), ReproductionColumn.Double("value", "req/s"));
        table.Add(1, 0.5).Add(2, 0.75);
        var chart = ReproductionCharts.Lines("t <b>", "x (s)", "y (req/s)", [new ChartLine("line", [1.0, 2.0], [3.0, 4.0])]);
        return new ReproductionResult(
            name,
            $"Sample {name}",
            "paper",
            "setup & more",
            table,
            [chart],
            [PublishedComparison.Of("q (req/s)", 10, 10.05, 0.01, "n"), PublishedComparison.Unpublished("own", 3, "kit")]
        );
    }

    /// <summary>Every href resolves to a file or folder, and every chart and data file of the folder is linked.</summary>
    private static void AssertLinksComplete(string folder, string html)
    {
        var hrefs = Href().Matches(html).Select(m => Uri.UnescapeDataString(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).ToHashSet();
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h =>
        {
            Assert.DoesNotContain("://", h);
            string target = Path.Combine(folder, h);
            Assert.True(File.Exists(target) || Directory.Exists(target), $"{h} does not exist");
        });
        var expected = Directory
            .GetFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => Path.GetExtension(f) is ".csv" or ".parquet" or ".json" or ".html" && f != IndexHtml.FileName)
            .Concat(
                Directory.Exists(Path.Combine(folder, "charts"))
                    ? Directory.GetFiles(Path.Combine(folder, "charts"), "*.html").Select(f => "charts/" + Path.GetFileName(f))
                    : []
            );
        Assert.All(expected, f => Assert.Contains(f, hrefs));
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
