using Microsoft.DotNet.Interactive.Documents;
using MultiBinSim.Notebooks;
using static MultiBinSim.Tests.Notebooks.NotebookFixtures;

namespace MultiBinSim.Tests.Notebooks;

[Collection(NotebookCollection.Name)]
public class NotebookRunnerTests
{
    [Fact]
    public async Task Cells_run_in_order_in_the_notebooks_folder_with_outputs_and_execution_counts()
    {
        using var tmp = new TempFiles();
        File.WriteAllText(Path.Combine(tmp.Folder, "data.txt"), "from the notebook's folder");
        string path = Write(
            tmp,
            "ok.ipynb",
            Markdown("# Title"),
            Code("var text = System.IO.File.ReadAllText(\"data.txt\");\nConsole.WriteLine(text);"),
            Code("6 * 7")
        );
        var run = await NotebookRunner.RunAsync(path);
        Assert.True(run.Succeeded);
        var cells = run.Document.Elements;
        Assert.Equal(1, cells[1].ExecutionOrder);
        Assert.Equal(2, cells[2].ExecutionOrder);
        Assert.Contains(cells[1].Outputs.OfType<TextElement>(), t => t.Text.Contains("from the notebook's folder"));
        var value = Assert.Single(cells[2].Outputs.OfType<ReturnValueElement>());
        Assert.Equal("42", value.Data["text/plain"]);
        Assert.Contains("42", value.Data["text/html"].ToString());
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_number_and_source()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "fail.ipynb", Code("var x = 1;"), Code("throw new InvalidOperationException(\"boom\");"), Code("x + 1"));
        var run = await NotebookRunner.RunAsync(path);
        Assert.False(run.Succeeded);
        Assert.Equal(2, run.Failure!.Number);
        Assert.Contains("throw new InvalidOperationException", run.Failure.SourceHead);
        Assert.Contains("boom", run.Failure.Error);
        Assert.Contains(run.Document.Elements[1].Outputs, o => o is ErrorElement);
        Assert.Empty(run.Document.Elements[2].Outputs); // not run after the failure
    }

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_with_their_declared_types()
    {
        using var tmp = new TempFiles();
        string path = Write(
            tmp,
            "params.ipynb",
            Code("int MaxRequests = 10_000;\ndouble Scale = 200;\nbool Fast = false;\nvar Name = \"default\";\nvar Count = 3;", "parameters"),
            Code("$\"{MaxRequests * 2}|{Scale / 8}|{Fast}|{Name.Length}|{Count + 1}\"")
        );
        var values = new Dictionary<string, string>
        {
            ["MaxRequests"] = "1000000",
            ["Scale"] = "2.5",
            ["Fast"] = "true",
            ["Name"] = "with \"quotes\"",
            ["Count"] = "9",
        };
        var run = await NotebookRunner.RunAsync(path, values);
        Assert.True(run.Succeeded, run.Failure?.Error);
        var injected = run.Document.Elements[1];
        Assert.Contains(NotebookParameters.InjectedTag, NotebookFile.Tags(injected));
        Assert.Contains("MaxRequests = 1000000;", injected.Contents);
        Assert.Contains("Scale = 2.5;", injected.Contents);
        var result = run.Document.Elements[2].Outputs.OfType<ReturnValueElement>().Single();
        Assert.Equal("2000000|0.3125|True|13|10", result.Data["text/plain"]);
    }

    [Theory]
    [InlineData("MaxRequests", "lots", "is int; 'lots' is not a valid int")]
    [InlineData("Fast", "maybe", "is bool")]
    [InlineData("Unknown", "1", "unknown parameter 'Unknown'; known: MaxRequests, Fast")]
    public async Task Bad_parameters_fail_clearly(string name, string value, string message)
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "p.ipynb", Code("int MaxRequests = 10;\nbool Fast = false;", "parameters"), Code("MaxRequests"));
        var e = await Assert.ThrowsAsync<NotebookException>(() => NotebookRunner.RunAsync(path, new Dictionary<string, string> { [name] = value }));
        Assert.Contains(message, e.Message);
    }

    /// <summary>
    /// The cell never completes (it awaits a task nobody completes), so only the runner's timeout can end it: the run
    /// returning at all proves the timeout fired, whatever the machine's speed. The test's own timeout only turns a
    /// broken runner into a failure instead of a hang.
    /// </summary>
    [Fact(Timeout = 300_000)]
    public async Task A_cell_that_hangs_past_the_timeout_fails_the_run()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "hang.ipynb", Code("await new TaskCompletionSource().Task;"), Code("Console.WriteLine(\"never\");"));
        var run = await NotebookRunner.RunAsync(path, cellTimeout: TimeSpan.FromSeconds(3)).WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(run.TimedOut);
        Assert.Contains("did not finish within 3 s", run.Failure!.Error);
    }

    [Theory]
    [InlineData("{ not json", "invalid JSON")]
    [InlineData(
        "{\"cells\": [], \"metadata\": {\"kernelspec\": {\"language\": \"python\", \"name\": \"python3\"}}, \"nbformat\": 4, \"nbformat_minor\": 4}",
        "a python notebook"
    )]
    [InlineData("[1, 2]", "not a Jupyter notebook")]
    public void Files_that_are_not_csharp_notebooks_are_refused(string content, string message)
    {
        using var tmp = new TempFiles();
        var e = Assert.Throws<NotebookException>(() => NotebookFile.Load(tmp.Write("x.ipynb", content)));
        Assert.Contains(message, e.Message);
        Assert.Contains("x.ipynb", e.Message);
        Assert.Contains("file not found", Assert.Throws<NotebookException>(() => NotebookFile.Load(Path.Combine(tmp.Folder, "none.ipynb"))).Message);
    }

    [Fact]
    public async Task Package_display_extensions_format_tables_and_charts_as_html()
    {
        using var tmp = new TempFiles();
        string path = Write(
            tmp,
            "display.ipynb",
            Code("#r \"nuget: Microsoft.Data.Analysis, 0.23.1\"\n#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\""),
            Code("new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.Int32DataFrameColumn(\"x\", new[] { 1, 2, 3 }))"),
            Code("Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 })")
        );
        var run = await NotebookRunner.RunAsync(path);
        Assert.True(run.Succeeded, run.Failure?.Error);
        string table = run.Document.Elements[1].Outputs.OfType<ReturnValueElement>().Single().Data["text/html"].ToString()!;
        Assert.Contains("<table", table);
        Assert.Contains("<th>x</th>", table);
        string chart = run.Document.Elements[2].Outputs.OfType<ReturnValueElement>().Single().Data["text/html"].ToString()!;
        Assert.Contains("Plotly.newPlot", chart);

        string html = NotebookHtml.Render(run.Document, "display");
        Assert.DoesNotContain("cdnjs.cloudflare.com", html);
        Assert.DoesNotContain("cdn.plot.ly/plotly", html);
        Assert.DoesNotContain("<script src=\"http", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("window.requirejs", html);
        Assert.True(html.Length > 3_000_000, "plotly.js is embedded");
    }

    [Fact]
    public async Task Html_export_renders_markdown_and_sources()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "md.ipynb", Markdown("# Results\n\nSome **bold** text."), Code("Console.WriteLine(\"<done>\");"));
        var run = await NotebookRunner.RunAsync(path);
        string html = NotebookHtml.Render(run.Document, "md");
        Assert.Contains("<h1 id=\"results\">Results</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("Console.WriteLine(&quot;&lt;done&gt;&quot;);", html);
        Assert.Contains("&lt;done&gt;", html);
    }
}
