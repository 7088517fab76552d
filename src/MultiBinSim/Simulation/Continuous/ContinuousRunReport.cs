using System.Globalization;
using System.Text.Json;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>How a continuous-engine run describes its configuration: its run-JSON keys and its run-table rows.</summary>
internal static class ContinuousRunReport
{
    /// <summary>
    /// Engine, replicas, policy, the step model and its four terms, the KV cache, limits (the policy's own keys from its
    /// options record), prefix caching, routing, admission (K and bin policy only with multi-bin admission), the pools
    /// when disaggregated, batching (its controls only when dynamic), SLOs, arrivals, D_SLA and predictor. No batch
    /// scheduler, K or latency fit: this engine reads none.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter json, CompletedRun run)
    {
        var sim = run.Config;
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
        c.Policy.OptionsOf(c).WriteJson(json);
        if (c.Policy.PrefixCachingByDefault || c.PrefixCaching is not null)
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
        run.WriteWorkloadKeys(json);
    }

    /// <summary>Its policy, step model, KV cache, limits, prefix caching, routing, pools, admission, batching, SLOs, predictor and D_SLA.</summary>
    public static IReadOnlyList<(string Setting, string Value)> Rows(CompletedRun run)
    {
        var sim = run.Config;
        var c = sim.Continuous;
        var step = c.StepModel;
        var policy = c.Policy.OptionsOf(c);
        var rows = new List<(string, string)>
        {
            ("engine", sim.Engine),
            ("replicas", sim.Gpus.ToString(CultureInfo.InvariantCulture)),
            ("policy", c.Policy.Name + policy.Detail),
            (
                "step model",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{step.Label}: base {step.Base:G6} s, per sequence {step.PerSequence:G6} s, per prefill token {step.PerPrefillToken:G6} s, per KV token {step.PerKvToken:G6} s"
                )
            ),
            (
                "KV cache",
                string.Create(CultureInfo.InvariantCulture, $"{c.ResolveKvBlocks(sim.Scheduler.Memory):N0} blocks of {c.BlockSize} tokens per replica")
            ),
            ("max-num-seqs", c.MaxNumSeqs.ToString(CultureInfo.InvariantCulture)),
            ("max batched tokens", policy.BatchedTokensText),
        };
        if (c.Policy.PrefixCachingByDefault || c.PrefixCaching is not null)
        {
            rows.Add(
                (
                    "prefix caching",
                    (c.PrefixCachingEnabled ? "on" : "off")
                        + (
                            c.PrefixCachingEnabled && run.Workload.Prefixes is { } p ? $" ({p.Description})"
                            : c.PrefixCachingEnabled ? " (no prefix identity: every prompt distinct)"
                            : ""
                        )
                )
            );
        }

        rows.Add(("routing", c.Routing.Name));
        if (c.Disaggregation is { } pools)
        {
            long kv = c.ResolveKvBlocks(sim.Scheduler.Memory);
            rows.Add(
                (
                    "disaggregation",
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{pools.PrefillReplicas} prefill + {pools.DecodeReplicas} decode replicas; KV link {pools.KvTransferLatency} s + {pools.ResolveKvGbPerToken(sim.Scheduler.Memory)} GB/token / {pools.KvTransferGbps} GB/s per prefill replica (FIFO)"
                    )
                )
            );
            rows.Add(
                (
                    "prefill pool",
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{c.Policy.Name}, step model {pools.PrefillPool(c).StepModel.Label}, {pools.PrefillKvBlocks ?? kv:N0} KV blocks"
                    )
                )
            );
            rows.Add(
                (
                    "decode pool",
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{(pools.DecodeAdmission == ContinuousAdmission.MultiBin ? $"multi-bin admission (K={sim.Scheduler.K}, {EnumNames.Name(sim.Scheduler.BinPolicy)})" : "FCFS")}, "
                            + $"routing {pools.DecodeRouting.Name}, max-num-seqs {pools.DecodePool(c).MaxNumSeqs}, step model {pools.DecodePool(c).StepModel.Label}, "
                            + $"{pools.DecodeKvBlocks ?? kv:N0} KV blocks"
                    )
                )
            );
        }

        rows.Add(
            (
                "admission",
                c.Admission == ContinuousAdmission.MultiBin
                    ? $"{c.Admission.Name} (K={sim.Scheduler.K.ToString(CultureInfo.InvariantCulture)}, {EnumNames.Name(sim.Scheduler.BinPolicy)})"
                    : c.Admission.Name
            )
        );
        rows.Add(
            (
                "batching",
                c.Batching == BatchingMode.Dynamic
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"dynamic{(c.Disaggregation is null ? "" : " on the decode pool")} (B {c.Dynamic.MinBatch}..{c.Dynamic.ResolveMaxBatch(c.BatchSizedMaxNumSeqs)}, eps_M {c.Dynamic.MemoryEpsilon}, eps_D {c.Dynamic.SlaEpsilon} s, alpha {c.Dynamic.Alpha}, delta {c.Dynamic.Delta})"
                    )
                    : "fixed"
            )
        );
        rows.Add(("SLOs", string.Create(CultureInfo.InvariantCulture, $"TTFT <= {c.SloTtft} s, TPOT <= {c.SloTpot} s")));
        rows.Add(("predictor", $"{run.Workload.Predictor} (seed {run.WorkloadOptions.Seed})"));
        rows.Add(("D_SLA", $"{sim.Scheduler.DSla.ToString(CultureInfo.InvariantCulture)} s"));
        return rows;
    }
}
