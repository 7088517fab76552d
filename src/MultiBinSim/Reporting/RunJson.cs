using System.Text;
using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;

namespace MultiBinSim.Reporting;

/// <summary>
/// A run as one flat JSON object: the dataset, the configuration keys its engine writes
/// (<see cref="Simulation.ISimulationEngine.WriteRunJson"/>), then every metric under its snake_case column name. Flat, so <c>jq .sla_violation_rate</c> works
/// and rows concatenate into JSON Lines.
/// </summary>
public static class RunJson
{
    public static string Write(SingleRunOutcome outcome, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("dataset", outcome.Workload.DisplayName);
            json.WriteBoolean("synthetic", outcome.Workload.IsSynthetic);
            outcome.Engine.WriteRunJson(json, outcome.Completed);

            foreach (var metric in MetricCatalogue.All)
            {
                object? value = metric.Read(outcome.Result.Metrics);
                if (value is not null || !metric.OmittedWhenNull)
                {
                    WriteValue(json, metric.Name, value);
                }
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
            case null:
                json.WriteNull(name);
                break;
            case int i:
                json.WriteNumber(name, i);
                break;
            case long l:
                json.WriteNumber(name, l);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(name, d);
                break;
            case double:
                json.WriteNull(name);
                break;
            case IReadOnlyList<long> values:
                json.WriteStartArray(name);
                foreach (long v in values)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Metric {name} has unsupported type {value.GetType()}.");
        }
    }
}
