using MultiBinSim.Tests.Cli;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>The reproduction end to end: a damaged trace gives one line naming file and line, and exit code 1.</summary>
public class BadInputCliTests
{
    [Fact]
    public void A_stray_quote_in_an_Azure_trace_prints_one_error_line_and_exits_1()
    {
        using var tmp = new TempFiles();
        string path = Path.Combine(tmp.Folder, "az.csv");
        File.WriteAllBytes(path, Regressions.Read("azure-issue14-stray-quote.csv"));
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--dataset", path, "--requests", "2");
        Assert.Equal(1, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith($"error: {path}:3: column 'ContextTokens': ", lines[0]);
        Assert.DoesNotContain("Exception", stderr);
        Assert.DoesNotContain("sla_violation_rate", stdout); // no partial result
    }

    [Fact]
    public void A_damaged_step_time_fit_csv_prints_one_error_line_and_exits_1()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(
            "BAD.csv",
            "sequences,prefill_tokens,decode_context_tokens,seconds\n1,0,64,0.0051\n8,256,1792,0.011\n2,384,2688,0.0l3\n9,0,1600,0.0061\n"
        );
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--engine", "continuous", "--step-model", "fit:" + path, "--requests", "10");
        Assert.Equal(1, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.Equal($"error: {path}:4: column 'seconds': '0.0l3' is not a number (seconds).", lines[0]);
        Assert.DoesNotContain("Exception", stderr);
        Assert.DoesNotContain("sla_violation_rate", stdout); // no partial result
    }
}
