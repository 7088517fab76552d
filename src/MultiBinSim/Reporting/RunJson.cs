using MultiBinSim.Errors;
using System.Text;
using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;

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
            var sim = outcome.Spec.Simulation;
            json.WriteStartObject();
            json.WriteString("dataset", outcome.Workload.DisplayName);
            json.WriteBoolean("synthetic", outcome.Workload.IsSynthetic);
            if (sim.Engine == ContinuousEngine.EngineName)
            {
                WriteContinuousConfiguration(json, outcome);
            }
            else
            {
                WriteBatchConfiguration(json, outcome);
            }

            foreach (var metric in MetricCatalogue.All)
            {
                WriteValue(json, metric.Name, metric.Read(outcome.Result.Metrics));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The batch engine's configuration: scheduler, K and bins, arrivals, D_SLA, predictor and the fitted latency model (the keys of release 0.1, unchanged).</summary>
    private static void WriteBatchConfiguration(Utf8JsonWriter json, SingleRunOutcome outcome)
    {
        var spec = outcome.Spec;
        var sim = spec.Simulation;
        json.WriteString("scheduler", sim.Scheduler.Scheduler.Name);
        json.WriteNumber("gpus", sim.Gpus);
        json.WriteNumber("k", sim.Scheduler.Scheduler.RecordedK(sim.Scheduler.K));
        json.WriteString("bin_policy", EnumNames.Name(sim.Scheduler.BinPolicy));
        if (outcome.Result.Boundaries is { } bounds)
        {
            json.WriteStartArray("bin_lower_bounds");
            foreach (int bound in bounds.LowerBounds)
            {
                json.WriteNumberValue(bound);
            }

            json.WriteEndArray();
        }

        WriteWorkload(json, outcome);
        json.WriteNumber("latency_alpha", outcome.Latency.Model.Alpha);
        json.WriteNumber("latency_beta", outcome.Latency.Model.Beta);
        json.WriteNumber("latency_gamma", outcome.Latency.Model.Gamma);
        json.WriteNumber("latency_r_squared", outcome.Latency.RSquared);
    }

    /// <summary>
    /// The continuous engine's configuration: engine, replicas, policy, the step model and its four terms, the KV
    /// cache, limits, routing, admission (K and bin policy only with multi-bin admission), batching (its controls only
    /// when dynamic), SLOs, arrivals, D_SLA and predictor. No batch scheduler, K or latency fit: that engine reads none.
    /// </summary>
    private static void WriteContinuousConfiguration(Utf8JsonWriter json, SingleRunOutcome outcome)
    {
        var spec = outcome.Spec;
        var sim = spec.Simulation;
        var c = sim.Continuous;
        json.WriteString("engine", sim.Engine);
        json.WriteNumber("gpus", sim.Gpus);
        json.WriteString("policy", c.Policy.Name);
        json.WriteString("step_model", c.StepModel.Label);
        json.WriteNumber("step_base", c.StepModel.Base);
        json.WriteNumber("step_per_seq", c.StepModel.PerSequence);
        json.WriteNumber("step_per_prefill_token", c.StepModel.PerPrefillToken);
        json.WriteNumber("step_per_kv_token", c.StepModel.PerKvToken);
        json.WriteNumber("kv_blocks", c.ResolveKvBlocks(sim.Scheduler.Memory));
        json.WriteNumber("block_size", c.BlockSize);
        json.WriteNumber("max_num_seqs", c.MaxNumSeqs);
        if ((c.Policy == ContinuousPolicy.VllmV1 ? c.MaxBatchedTokens ?? ContinuousOptions.DefaultTokenBudget : c.MaxBatchedTokens) is { } tokens)
        {
            json.WriteNumber("max_batched_tokens", tokens);
        }
        else
        {
            json.WriteNull("max_batched_tokens");
        }

        if (c.Policy == ContinuousPolicy.Sarathi)
        {
            json.WriteNumber("chunk_size", c.ChunkSize);
        }

        if (c.Policy.SupportsPrefixCaching || c.PrefixCaching is not null)
        {
            json.WriteBoolean("prefix_caching", c.PrefixCachingEnabled);
        }

        json.WriteString("routing", c.Routing.Name);
        json.WriteString("admission", c.Admission.Name);
        if (c.Disaggregation is { } pools)
        {
            json.WriteNumber("prefill_replicas", pools.PrefillReplicas);
            json.WriteNumber("decode_replicas", pools.DecodeReplicas);
            json.WriteNumber("kv_transfer_latency", pools.KvTransferLatency);
            json.WriteNumber("kv_transfer_gbps", pools.KvTransferGbps);
            json.WriteNumber("kv_gb_per_token", pools.ResolveKvGbPerToken(sim.Scheduler.Memory));
            json.WriteString("decode_routing", pools.DecodeRouting.Name);
            json.WriteString("decode_admission", pools.DecodeAdmission.Name);
            json.WriteNumber("decode_max_num_seqs", pools.DecodePool(c).MaxNumSeqs);
            json.WriteString("prefill_step_model", pools.PrefillPool(c).StepModel.Label);
            json.WriteString("decode_step_model", pools.DecodePool(c).StepModel.Label);
            json.WriteNumber("prefill_kv_blocks", pools.PrefillKvBlocks ?? c.ResolveKvBlocks(sim.Scheduler.Memory));
            json.WriteNumber("decode_kv_blocks", pools.DecodeKvBlocks ?? c.ResolveKvBlocks(sim.Scheduler.Memory));
        }

        if (c.UsesBins)
        {
            json.WriteNumber("k", sim.Scheduler.K);
            json.WriteString("bin_policy", EnumNames.Name(sim.Scheduler.BinPolicy));
        }

        json.WriteString("batching", EnumNames.Name(c.Batching));
        if (c.Batching == BatchingMode.Dynamic)
        {
            json.WriteNumber("batch_memory_epsilon", c.Dynamic.MemoryEpsilon);
            json.WriteNumber("batch_sla_epsilon", c.Dynamic.SlaEpsilon);
            json.WriteNumber("batch_alpha", c.Dynamic.Alpha);
            json.WriteNumber("batch_delta", c.Dynamic.Delta);
            json.WriteNumber("batch_min", c.Dynamic.MinBatch);
            json.WriteNumber("batch_max", c.Dynamic.ResolveMaxBatch(c.BatchSizedMaxNumSeqs));
            if (c.Disaggregation is not null)
            {
                json.WriteString("batching_pool", "decode");
            }
        }

        json.WriteNumber("slo_ttft", c.SloTtft);
        json.WriteNumber("slo_tpot", c.SloTpot);
        WriteWorkload(json, outcome);
    }

    /// <summary>The workload keys both engines' JSON carry, in the batch JSON's order.</summary>
    private static void WriteWorkload(Utf8JsonWriter json, SingleRunOutcome outcome)
    {
        var spec = outcome.Spec;
        if (spec.Workload.RealTimestamps)
        {
            json.WriteNull("rps_scaling");
        }
        else
        {
            json.WriteNumber("rps_scaling", spec.Workload.RpsScaling);
        }

        json.WriteBoolean("real_timestamps", spec.Workload.RealTimestamps);
        json.WriteNumber("d_sla", spec.Simulation.Scheduler.DSla);
        json.WriteString("predictor", outcome.Workload.Predictor);
        json.WriteNumber("seed", spec.Workload.Seed);
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
