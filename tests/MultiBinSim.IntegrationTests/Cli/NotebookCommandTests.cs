using static MultiBinSim.Tests.Notebooks.NotebookFixtures;

namespace MultiBinSim.Tests.Cli;

public class NotebookCommandTests
{
    [Fact]
    public void Run_writes_the_executed_notebook_and_html_and_never_overwrites_the_input_by_default()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "nb.ipynb", Markdown("# Report"), Code("int N = 2;", "parameters"), Code("N * 21"));
        string original = File.ReadAllText(path);
        string html = Path.Combine(tmp.Folder, "nb.html");
        var (code, stdout, stderr) = MbsimProcess.Run("notebook", "run", path, "-p", "N=3", "--html", html);
        Assert.True(code == 0, stderr);
        Assert.Contains("[3/4] ok", stdout);
        Assert.Equal(original, File.ReadAllText(path));
        string executed = File.ReadAllText(Path.Combine(tmp.Folder, "nb.executed.ipynb"));
        Assert.Contains("\"63\"", executed);
        Assert.Contains("injected-parameters", executed);
        Assert.Contains("<h1 id=\"report\">Report</h1>", File.ReadAllText(html));
    }

    [Fact]
    public void A_failing_cell_exits_non_zero_naming_the_cell()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "bad.ipynb", Code("var ok = 1;"), Code("throw new Exception(\"bad data\");"));
        var (code, _, stderr) = MbsimProcess.Run("notebook", "run", path, "-o", Path.Combine(tmp.Folder, "out.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("cell 2 of 2 failed: throw new Exception(\"bad data\");", stderr);
        Assert.Contains("bad data", stderr);
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "out.ipynb")));
    }

    [Fact]
    public void A_hung_cell_fails_after_the_timeout()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "hang.ipynb", Code("System.Threading.Thread.Sleep(120_000);"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, stderr) = MbsimProcess.Run("notebook", "run", path, "--timeout", "3");
        Assert.NotEqual(0, code);
        Assert.Contains("did not finish within 3 s", stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Verify_exits_non_zero_on_a_difference()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "v.ipynb", Code("Console.WriteLine(40 + 2);"));
        var (runCode, _, runErr) = MbsimProcess.Run("notebook", "run", path, "-o", path);
        Assert.True(runCode == 0, runErr);
        Assert.Equal(0, MbsimProcess.Run("notebook", "verify", path).ExitCode);
        File.WriteAllText(path, File.ReadAllText(path).Replace("42", "41"));
        var (code, stdout, _) = MbsimProcess.Run("notebook", "verify", path);
        Assert.Equal(3, code);
        Assert.Contains("cell 1 differs", stdout);
        Assert.Contains("- 41", stdout);
    }

    [Theory]
    [InlineData("{ broken", "invalid JSON")]
    [InlineData("{\"cells\": [], \"metadata\": {\"kernelspec\": {\"language\": \"python\"}}, \"nbformat\": 4, \"nbformat_minor\": 4}", "python notebook")]
    public void Bad_notebooks_fail_clearly(string content, string message)
    {
        using var tmp = new TempFiles();
        var (code, _, stderr) = MbsimProcess.Run("notebook", "run", tmp.Write("x.ipynb", content));
        Assert.Equal(1, code);
        Assert.Contains(message, stderr);
        Assert.Contains("x.ipynb", stderr);
    }

    [Fact]
    public void A_parameter_of_the_wrong_type_fails_clearly()
    {
        using var tmp = new TempFiles();
        string path = Write(tmp, "p.ipynb", Code("int N = 2;", "parameters"));
        var (code, _, stderr) = MbsimProcess.Run("notebook", "run", path, "-p", "N=two");
        Assert.Equal(1, code);
        Assert.Contains("parameter N is int; 'two' is not a valid int", stderr);
        Assert.False(File.Exists(Path.Combine(tmp.Folder, "p.executed.ipynb")));
    }
}
