using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Charts;

/// <summary>Hand-made result rows for chart tests.</summary>
internal static class ChartRows
{
    /// <summary>
    /// A result row of step <paramref name="step"/> with the given configuration and metric values; <paramref name="level"/>
    /// goes into the <c>load_level</c> column when this version has one, else into the kept columns (as a file of a
    /// version with levels would give it).
    /// </summary>
    public static ResultRow Row(
        int gpus,
        int k,
        IReadOnlyDictionary<string, double> metrics,
        string? level = null,
        string scheduler = "multi_bin_dynamic",
        int step = 3,
        string status = ResultRow.Success,
        int seed = 42,
        int requests = 1000
    )
    {
        var values = new object?[ResultSchema.Columns.Count];
        void Set(string name, object? value) => values[ResultSchema.IndexOf(name)] = value;
        Set("test_key", $"{step}-{scheduler}-{gpus}-{k}-{level}-{seed}");
        Set("step", step);
        Set("step_name", SuiteStep.Name(step));
        Set("scheduler_type", scheduler);
        Set("num_requests_requested", requests);
        Set("num_requests", requests);
        Set("num_gpus", gpus);
        Set("k_bins", k);
        Set("seed", seed);
        foreach (var (name, value) in metrics)
        {
            Set(name, value);
        }

        Set("status", status);
        Dictionary<string, string?>? extra = null;
        if (level is not null)
        {
            if (ResultSchema.TryIndexOf("load_level") >= 0)
            {
                Set("load_level", level);
            }
            else
            {
                extra = new Dictionary<string, string?> { ["load_level"] = level };
            }
        }

        return new ResultRow(values, extra);
    }

    /// <summary>A row with only an SLA violation rate.</summary>
    public static ResultRow Violation(int gpus, int k, double rate, string? level = null, int seed = 42, string status = ResultRow.Success) =>
        Row(gpus, k, new Dictionary<string, double> { ["sla_violation_rate"] = rate }, level, seed: seed, status: status);
}
