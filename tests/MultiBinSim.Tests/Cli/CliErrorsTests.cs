using MultiBinSim.Cli;
using MultiBinSim.Errors;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Cli;

/// <summary>Only dedicated input exceptions become one-line messages; everything else is a defect with its stack trace.</summary>
public class CliErrorsTests
{
    [Fact]
    public void Every_configuration_error_is_one_line_naming_its_flag_and_exit_code_is_2()
    {
        var error = new StringWriter();
        int code = CliErrors.Guard(
            () =>
                throw new ConfigurationException([
                    new("Simulation.Scheduler.K", "must be between 1 and 64 (got 0)"),
                    new("Simulation.Gpus", "must be between 1 and 100000 (got 0)"),
                ]),
            error
        );
        Assert.Equal(2, code);
        Assert.Equal(
            ["error: --k: must be between 1 and 64 (got 0).", "error: --gpus: must be between 1 and 100000 (got 0)."],
            error.ToString().TrimEnd().Split(Environment.NewLine)
        );
    }

    [Fact]
    public void A_bad_input_file_is_one_line_and_exit_code_1()
    {
        var error = new StringWriter();
        int code = CliErrors.Guard(() => throw new TraceFormatException("az.csv", 3, "ContextTokens", "'39\"6' is not a whole number"), error);
        Assert.Equal(1, code);
        Assert.Equal("error: az.csv:3: column 'ContextTokens': '39\"6' is not a whole number", error.ToString().TrimEnd());
    }

    [Theory]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(IOException))]
    public void Anything_else_is_a_defect_with_its_stack_trace_and_exit_code_70(Type type)
    {
        var error = new StringWriter();
        int code = CliErrors.Guard(() => Throw(type), error);
        Assert.Equal(70, code);
        string text = error.ToString();
        Assert.Contains("internal error", text);
        Assert.Contains(type.FullName!, text);
        Assert.Contains(nameof(Throw), text); // the stack trace
    }

    [Fact]
    public void The_cli_maps_library_properties_to_flags()
    {
        Assert.Equal("--k", CliErrors.FlagFor("Simulation.Scheduler.K"));
        Assert.Equal("--model-memory", CliErrors.FlagFor("Scheduler.Memory.ModelMemoryGb"));
        Assert.Equal("--rps-scaling", CliErrors.FlagFor("Workload.RpsScaling"));
        Assert.Equal("--max-requests", CliErrors.FlagFor("MaxRequests"));
    }

    [Fact]
    public void The_process_reports_every_invalid_option_at_once()
    {
        var (code, _, stderr) = MbsimProcess.Run("run", "--requests", "100", "--k", "0", "--gpus", "0", "--d-sla", "-1");
        Assert.Equal(2, code);
        var lines = stderr.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("error: --k:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: --gpus:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: --d-sla:", StringComparison.Ordinal));
    }

    private static void Throw(Type type) => throw (Exception)Activator.CreateInstance(type, "boom")!;
}
