using MultiBinSim.Experiments;

namespace MultiBinSim.Tests.Experiments;

/// <summary>Two set-up steps on two cores report errors as the sequential order would.</summary>
public class SideBySideTests
{
    [Fact]
    public void Both_results_come_back()
    {
        var (first, second) = SideBySide.Run(() => 1, () => "two");
        Assert.Equal(1, first);
        Assert.Equal("two", second);
    }

    [Fact]
    public void When_both_fail_the_first_steps_exception_is_thrown_unwrapped()
    {
        var e = Assert.Throws<FileNotFoundException>(() =>
            SideBySide.Run<int, int>(() => throw new FileNotFoundException("calibration"), () => throw new InvalidDataException("dataset"))
        );
        Assert.Equal("calibration", e.Message);
    }

    [Fact]
    public void Either_failure_alone_is_thrown_unwrapped()
    {
        Assert.Equal(
            "dataset",
            Assert.Throws<InvalidDataException>(() => SideBySide.Run(() => 1, int () => throw new InvalidDataException("dataset"))).Message
        );
        Assert.Equal(
            "calibration",
            Assert.Throws<FileNotFoundException>(() => SideBySide.Run(int () => throw new FileNotFoundException("calibration"), () => 2)).Message
        );
    }

    [Fact]
    public void The_cli_names_the_missing_calibration_before_the_missing_dataset()
    {
        var run = Cli.MbsimProcess.Run("run", "--calibration", "/nonexistent/grid.csv", "--dataset", "/nonexistent/trace.csv");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: /nonexistent/grid.csv: calibration file not found.", run.Stderr.Trim());
    }
}
