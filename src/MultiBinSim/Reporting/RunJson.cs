using System.Text;
using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;

namespace MultiBinSim.Reporting;

/// <summary>
/// A run as one flat JSON object: its configuration, then every metric under its snake_case column name.
/// Flat, so <c>jq .sla_violation_rate</c> works and rows concatenate into JSON Lines.
/// </summary>
public static class RunJson
{
    public static string Write(SingleRunOutcome outcome, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            var spec = outcome.Spec;
            var sim = spec.Simulation;
            json.WriteStartObject();
            json.WriteString("dataset", outcome.Workload.DisplayName);
            json.WriteBoolean("synthetic", outcome.Workload.IsSynthetic);
            json.WriteString("scheduler", sim.Scheduler.Scheduler.Name);
            json.WriteNumber("gpus", sim.Gpus);
            json.WriteNumber("k", sim.Scheduler.Scheduler.RecordedK(sim.Scheduler.K));
            json.WriteString("bin_policy", Scheduling.BinSelectionPolicyNames.ToName(sim.Scheduler.BinPolicy));
            if (outcome.Result.Boundaries is { } bounds)
            {
                json.WriteStartArray("bin_lower_bounds");
                foreach (int bound in bounds.LowerBounds)
                {
                    json.WriteNumberValue(bound);
                }

                json.WriteEndArray();
            }

            if (spec.Workload.RealTimestamps)
            {
                json.WriteNull("rps_scaling");
            }
            else
            {
                json.WriteNumber("rps_scaling", spec.Workload.RpsScaling);
            }

            json.WriteBoolean("real_timestamps", spec.Workload.RealTimestamps);
            json.WriteNumber("d_sla", sim.Scheduler.DSla);
            json.WriteString("predictor", outcome.Workload.Predictor);
            json.WriteNumber("seed", spec.Workload.Seed);
            json.WriteNumber("latency_alpha", outcome.Latency.Model.Alpha);
            json.WriteNumber("latency_beta", outcome.Latency.Model.Beta);
            json.WriteNumber("latency_gamma", outcome.Latency.Model.Gamma);
            json.WriteNumber("latency_r_squared", outcome.Latency.RSquared);
            foreach (var metric in MetricCatalogue.All)
            {
                WriteValue(json, metric.Name, metric.Read(outcome.Result.Metrics));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes one metric value: a number, a per-bin array, or null where the engine leaves the metric empty (non-finite numbers too).</summary>
    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case int i: json.WriteNumber(name, i); break;
            case long l: json.WriteNumber(name, l); break;
            case double d when double.IsFinite(d): json.WriteNumber(name, d); break;
            case double: json.WriteNull(name); break;
            case IReadOnlyList<long> values:
                json.WriteStartArray(name);
                foreach (long v in values)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"Metric {name} has unsupported type {value.GetType()}.");
        }
    }
}
