using System.Globalization;
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

    public void TestStarted(int step, SuiteTest test) { }

    public void TestFinished(int step, SuiteTest test, ResultRow row) =>
        Write(
            row.Succeeded
                ? $"  {test.Label}: {Summary(step, row)} ({row.Get<double>(MetricCatalogue.ExecutionTimeSeconds.Name):F2} s)"
                : $"  {test.Label}: FAILED: {row.GetString(ConfigurationColumns.ErrorMessage.Name)}"
        );

    /// <summary>
    /// The row's headline in the engine's own metrics: SLO attainment, goodput, p90 TTFT and mean TPOT on the continuous
    /// engine (a row with <c>slo_attainment</c>), the SLA violation rate and capacity under the SLA on the batch engine;
    /// a capacity search's row leads with the capacity found.
    /// </summary>
    private static string Summary(int step, ResultRow row)
    {
        string capacity =
            step == SuiteStep.CapacitySearch && CapacityColumns.RequestsPerSecOf(row) is { } found
                ? string.Create(CultureInfo.InvariantCulture, $"capacity={found:G4} req/s ")
                : "";
        return row.Get<double>(MetricCatalogue.SloAttainment.Name) is { } attainment
            ? capacity
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"slo_attainment={attainment:F4} goodput_requests_per_sec={row.Get<double>(MetricCatalogue.GoodputRequestsPerSec.Name):F3} p90_ttft={row.Get<double>(MetricCatalogue.P90Ttft.Name):F3} avg_tpot={row.Get<double>(MetricCatalogue.AvgTpot.Name):F4}"
                )
            : capacity
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"sla_violation_rate={row.Get<double>(MetricCatalogue.SlaViolationRate.Name):F4} capacity_qps_under_sla={row.Get<double>(MetricCatalogue.CapacityQpsUnderSla.Name):F3}"
                );
    }

    public void StepFinished(int step, IReadOnlyList<ResultRow> rows) { }

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
