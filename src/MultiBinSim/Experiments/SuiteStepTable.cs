using System.Globalization;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// One step of a suite run as a table in its engine's own terms, for any front end to print: on the batch engine the
/// scheduler, K and the request-SLA metrics; on the continuous engine the SLO metrics, K only where multi-bin admission
/// reads it, the P:D split of a disaggregated run, and tests that are one simulation (the scheduler and K have no effect
/// there) shown once with their count. <see cref="Notes"/> say what was merged and why.
/// </summary>
public sealed record SuiteStepTable(
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<bool> Failed,
    IReadOnlyList<string> Notes
)
{
    /// <summary>The batch engine's headline metrics.</summary>
    public static IReadOnlyList<IMetric> BatchMetrics { get; } =
    [MetricCatalogue.SlaViolationRate, MetricCatalogue.CapacityQpsUnderSla, MetricCatalogue.P95Latency, MetricCatalogue.AvgGpuUtilization];

    /// <summary>The continuous engine's headline metrics.</summary>
    public static IReadOnlyList<IMetric> ContinuousMetrics { get; } =
    [MetricCatalogue.SloAttainment, MetricCatalogue.GoodputRequestsPerSec, MetricCatalogue.P90Ttft, MetricCatalogue.AvgTpot, MetricCatalogue.P99Tbt];

    /// <summary>The table of <paramref name="rows"/> (one step's view rows) run with <paramref name="options"/>.</summary>
    public static SuiteStepTable Of(IReadOnlyList<ResultRow> rows, SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        bool continuous = Simulation.SimulationEngines.Get(options.Engine).MeasuresTokenTimes;
        if (!continuous)
        {
            var columns = new List<(string Header, Func<ResultRow, string> Cell)>
            {
                ("scheduler", r => r.GetString(ConfigurationColumns.SchedulerType.Name) ?? "-"),
                ("N", r => Whole(r.Get<int>(MetricCatalogue.NumRequests.Name))),
                ("G", r => Whole(r.Get<int>(ConfigurationColumns.NumGpus.Name))),
                ("K", r => Whole(r.Get<int>(ConfigurationColumns.KBins.Name))),
            };
            columns.AddRange(BatchMetrics.Select(m => (Header(m), (Func<ResultRow, string>)(r => Number(r, m)))));
            columns.Add((ConfigurationColumns.Status.Name, r => r.Succeeded ? "success" : "failed"));
            return new SuiteStepTable(
                columns.Select(c => c.Header).ToArray(),
                rows.Select(r => (IReadOnlyList<string>)columns.Select(c => c.Cell(r)).ToArray()).ToArray(),
                rows.Select(r => !r.Succeeded).ToArray(),
                []
            );
        }

        bool bins = options.Continuous.UsesBins;
        bool pools = options.Continuous.Disaggregation is not null;
        var cells = new List<(string Header, Func<ResultRow, string> Cell)>
        {
            ("N", r => Whole(r.Get<int>(MetricCatalogue.NumRequests.Name))),
            ("G", r => Whole(r.Get<int>(ConfigurationColumns.NumGpus.Name))),
        };
        if (pools)
        {
            cells.Add(("P:D", r => $"{r.GetString(EngineColumns.PrefillReplicas) ?? "-"}:{r.GetString(EngineColumns.DecodeReplicas) ?? "-"}"));
        }

        if (bins)
        {
            cells.Add(("K", r => Whole(r.Get<int>(ConfigurationColumns.KBins.Name))));
        }

        cells.AddRange(ContinuousMetrics.Select(m => (Header(m), (Func<ResultRow, string>)(r => Number(r, m)))));
        cells.Add((ConfigurationColumns.Status.Name, r => r.Succeeded ? "success" : "failed"));

        // Tests whose cells agree are one simulation here (without bins the scheduler and K change nothing): shown once.
        var groups = rows.Select(r => (Row: r, Cells: cells.Select(c => c.Cell(r)).ToArray()))
            .GroupBy(x => string.Join('\u001f', x.Cells), StringComparer.Ordinal)
            .Select(g => (Cells: g.First().Cells, Count: g.Count(), Failed: !g.First().Row.Succeeded))
            .ToArray();
        bool merged = groups.Any(g => g.Count > 1);
        var headers = cells.Select(c => c.Header).ToList();
        var body = groups.Select(g => (IReadOnlyList<string>)(merged ? [.. g.Cells, Whole(g.Count)] : g.Cells)).ToArray();
        var notes = new List<string>();
        if (merged)
        {
            headers.Add("tests");
            notes.Add(
                bins
                    ? "tests: stored tests with identical metrics, shown once."
                    : $"tests: stored tests that are one simulation, shown once: the scheduler and K have no effect on the continuous engine with {options.Continuous.Admission.Name} admission (--admission multi-bin reads K)."
            );
        }

        return new SuiteStepTable(headers, body, groups.Select(g => g.Failed).ToArray(), notes);
    }

    /// <summary>One line naming the engine and its configuration (empty for the batch engine: its table says it).</summary>
    public static string Describe(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Simulation.SimulationEngines.Get(options.Engine).MeasuresTokenTimes)
        {
            return $"Engine: {options.Engine}";
        }

        var c = options.Continuous;
        string text =
            $"Engine: {options.Engine}, policy {c.Policy.Name}, routing {c.Routing.Name}, admission {c.Admission.Name}, batching {c.Batching.ToString().ToLowerInvariant()}, "
            + string.Create(CultureInfo.InvariantCulture, $"SLOs TTFT <= {c.SloTtft:G4} s, TPOT <= {c.SloTpot:G4} s");
        if (c.Disaggregation is { } split)
        {
            text +=
                $"; disaggregated {split.PrefillReplicas} prefill : {split.DecodeReplicas} decode, the ratio kept at every GPU count (P = round(G x {split.PrefillReplicas}/{split.Replicas}), 1 <= P <= G - 1; tests on 1 GPU skipped)";
        }

        return text;
    }

    private static string Header(IMetric metric) => metric.Unit is { } unit && unit != "fraction" ? $"{metric.Name} ({unit})" : metric.Name;

    private static string Number(ResultRow row, IMetric metric) =>
        row.Get<double>(metric.Name) is { } value ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static string Whole(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
