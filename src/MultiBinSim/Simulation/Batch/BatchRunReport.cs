using System.Globalization;
using System.Text.Json;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation.Batch;

/// <summary>How a batch-engine run describes its configuration: its run-JSON keys (those of release 0.1, unchanged) and its run-table rows.</summary>
internal static class BatchRunReport
{
    /// <summary>Scheduler, K and bins, arrivals, D_SLA, predictor and the fitted latency model.</summary>
    public static void WriteJson(Utf8JsonWriter json, CompletedRun run)
    {
        var sim = run.Config;
        json.WriteString("scheduler", sim.Scheduler.Scheduler.Name);
        json.WriteNumber("gpus", sim.Gpus);
        json.WriteNumber("k", sim.Scheduler.Scheduler.RecordedK(sim.Scheduler.K));
        json.WriteString("bin_policy", EnumNames.Name(sim.Scheduler.BinPolicy));
        if (run.Result.Boundaries is { } bounds)
        {
            json.WriteStartArray("bin_lower_bounds");
            foreach (int bound in bounds.LowerBounds)
            {
                json.WriteNumberValue(bound);
            }

            json.WriteEndArray();
        }

        run.WriteWorkloadKeys(json);
        json.WriteNumber("latency_alpha", run.Latency.Model.Alpha);
        json.WriteNumber("latency_beta", run.Latency.Model.Beta);
        json.WriteNumber("latency_gamma", run.Latency.Model.Gamma);
        json.WriteNumber("latency_r_squared", run.Latency.RSquared);
    }

    /// <summary>Scheduler, GPUs, bins, predictor, D_SLA and the latency model.</summary>
    public static IReadOnlyList<(string Setting, string Value)> Rows(CompletedRun run)
    {
        var sim = run.Config;
        var rows = new List<(string, string)> { ("scheduler", sim.Scheduler.Scheduler.Name), ("gpus", sim.Gpus.ToString(CultureInfo.InvariantCulture)) };
        if (run.Result.Boundaries is { } bounds)
        {
            rows.Add(("bins", $"K={bounds.K} ({EnumNames.Name(sim.Scheduler.BinPolicy)}): {bounds}"));
            if (bounds.EmptyBins.Count > 0)
            {
                rows.Add(("empty bins", string.Join(", ", bounds.EmptyBins)));
            }
        }

        rows.Add(("predictor", $"{run.Workload.Predictor} (seed {run.WorkloadOptions.Seed})"));
        rows.Add(("D_SLA", $"{sim.Scheduler.DSla.ToString(CultureInfo.InvariantCulture)} s"));
        rows.Add(("latency model", $"{run.Latency.Model} (R^2={run.Latency.RSquared:F6}, {run.Latency.Source})"));
        return rows;
    }
}
