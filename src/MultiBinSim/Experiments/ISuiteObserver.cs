using MultiBinSim.Metrics;
using MultiBinSim.Storage;
namespace MultiBinSim.Experiments;

/// <summary>What a suite run reports as it goes (the CLI shows progress bars; notebooks print lines). Called from several threads.</summary>
public interface ISuiteObserver
{
    void Info(string message);

    void Warning(string message);

    /// <summary>A step is about to run <paramref name="toRun"/> tests; <paramref name="skipped"/> were already stored with success.</summary>
    void StepStarted(int step, int toRun, int skipped);

    void TestStarted(int step, SuiteTest test);

    void TestFinished(int step, SuiteTest test, ResultRow row);

    void StepFinished(int step, IReadOnlyList<ResultRow> rows);
}

/// <summary>An observer that prints one plain line per event (for logs, CI and notebooks).</summary>
public sealed class LineSuiteObserver(TextWriter output) : ISuiteObserver
{
    private readonly Lock _gate = new();

    public void Info(string message) => Write(message);

    public void Warning(string message) => Write("warning: " + message);

    public void StepStarted(int step, int toRun, int skipped) =>
        Write($"{SuiteStep.Title(step)}: {toRun} tests to run" + (skipped > 0 ? $", {skipped} already stored (skipped)" : ""));

    public void TestStarted(int step, SuiteTest test)
    {
    }

    public void TestFinished(int step, SuiteTest test, ResultRow row) =>
        Write(row.Succeeded
            ? $"  {test.Label}: sla_violation_rate={row.Get<double>(MetricCatalogue.SlaViolationRate.Name):F4} capacity_qps_under_sla={row.Get<double>(MetricCatalogue.CapacityQpsUnderSla.Name):F3} ({row.Get<double>(MetricCatalogue.ExecutionTimeSeconds.Name):F2} s)"
            : $"  {test.Label}: FAILED: {row.GetString("error_message")}");

    public void StepFinished(int step, IReadOnlyList<ResultRow> rows)
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
