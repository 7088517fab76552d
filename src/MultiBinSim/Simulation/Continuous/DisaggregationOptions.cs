using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Prefill/decode disaggregation (README, "Prefill/decode disaggregation"), as DistServe and Splitwise serve: a
/// request is prefilled on one of <see cref="PrefillReplicas"/> replicas (the run's policy, routing and admission),
/// its prompt's KV cache crosses a link to one of <see cref="DecodeReplicas"/> replicas (<see cref="KvTransferLink"/>),
/// and it decodes there (<see cref="DecodePoolPolicy"/>). The run's GPU count is P + D. Unset per-pool values fall back
/// to the run's own (<see cref="ContinuousOptions.StepModel"/>, <see cref="ContinuousOptions.KvBlocks"/>,
/// <see cref="ContinuousOptions.MaxNumSeqs"/>).
/// </summary>
public sealed record DisaggregationOptions
{
    /// <summary>Replicas that only prefill (P &gt;= 1).</summary>
    public int PrefillReplicas { get; init; } = 1;

    /// <summary>Replicas that only decode (D &gt;= 1).</summary>
    public int DecodeReplicas { get; init; } = 1;

    /// <summary>Fixed cost of one KV transfer, seconds.</summary>
    public double KvTransferLatency { get; init; } = 0.001;

    /// <summary>Bandwidth of each prefill replica's link, GB/s; a replica's transfers are serialised FIFO.</summary>
    public double KvTransferGbps { get; init; } = 25;

    /// <summary>
    /// GB of KV cache per prompt token that a transfer moves; null = the memory model's (<c>Scheduler.Memory.KvCacheGbPerToken</c>,
    /// <c>--kv-per-token</c>). The command line sets it from a roofline step model's model (its KV bytes per token)
    /// unless <c>--kv-per-token</c> is given.
    /// </summary>
    public double? KvGbPerToken { get; init; }

    /// <summary>How a prefilled request is dispatched to a decode replica (default: the fewest KV blocks in use).</summary>
    public ReplicaRouting DecodeRouting { get; init; } = ReplicaRouting.LeastKv;

    /// <summary>
    /// The order a decode replica admits its waiting requests in: FCFS (default), or multi-bin admission
    /// (arXiv 2412.04504 on the decode pool: K bins by predicted output length, <c>Scheduler.K</c>, one bin per round).
    /// </summary>
    public ContinuousAdmission DecodeAdmission { get; init; } = ContinuousAdmission.Fcfs;

    /// <summary>Most sequences decoding at once on a decode replica; null = <see cref="ContinuousOptions.MaxNumSeqs"/>.</summary>
    public int? DecodeMaxNumSeqs { get; init; }

    /// <summary>Iteration time on prefill replicas; null = <see cref="ContinuousOptions.StepModel"/>.</summary>
    public StepTimeModel? PrefillStepModel { get; init; }

    /// <summary>Iteration time on decode replicas; null = <see cref="ContinuousOptions.StepModel"/>.</summary>
    public StepTimeModel? DecodeStepModel { get; init; }

    /// <summary>KV blocks per prefill replica; null = the run's (<see cref="ContinuousOptions.ResolveKvBlocks"/>).</summary>
    public long? PrefillKvBlocks { get; init; }

    /// <summary>KV blocks per decode replica; null = the run's.</summary>
    public long? DecodeKvBlocks { get; init; }

    /// <summary>Replicas in all (the run's GPU count).</summary>
    public int Replicas => PrefillReplicas + DecodeReplicas;

    /// <summary>Seconds to move <paramref name="tokens"/> tokens of KV cache of <paramref name="gbPerToken"/> GB each over an idle link.</summary>
    public double TransferTime(int tokens, double gbPerToken) => KvTransferLatency + tokens * gbPerToken / KvTransferGbps;

    /// <summary><paramref name="run"/>'s options as a prefill replica runs them: its iteration times are the prefill step model's.</summary>
    public ContinuousOptions PrefillPool(ContinuousOptions run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run with { StepModel = PrefillStepModel ?? run.StepModel };
    }

    /// <summary>
    /// <paramref name="run"/>'s options as a decode replica runs them: the decode step model and the decode
    /// max-num-seqs (also dynamic batching's B_max there).
    /// </summary>
    public ContinuousOptions DecodePool(ContinuousOptions run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run with { StepModel = DecodeStepModel ?? run.StepModel, MaxNumSeqs = DecodeMaxNumSeqs ?? run.MaxNumSeqs };
    }

    /// <summary>The fewest GPUs a disaggregated run takes: one prefill and one decode replica.</summary>
    public const int MinimumReplicas = 2;

    /// <summary>
    /// These pools resized to <paramref name="gpus"/> replicas with the split's ratio kept (how the suite runs one P:D
    /// split at every GPU count of its plan): P' = P x G / (P + D), rounded to the nearest integer (halves away from
    /// zero) and kept within [1, G - 1], D' = G - P'. At G = P + D the pools are unchanged; below
    /// <see cref="MinimumReplicas"/> there is no split (null).
    /// </summary>
    public DisaggregationOptions? ScaledTo(int gpus)
    {
        if (gpus < MinimumReplicas)
        {
            return null;
        }

        int prefill = (int)Math.Clamp(Math.Round((double)PrefillReplicas * gpus / Replicas, MidpointRounding.AwayFromZero), 1, gpus - 1);
        return this with { PrefillReplicas = prefill, DecodeReplicas = gpus - prefill };
    }

    /// <summary>The KV GB per token a transfer moves: <see cref="KvGbPerToken"/>, else <paramref name="memory"/>'s.</summary>
    public double ResolveKvGbPerToken(Scheduling.GpuMemoryModel memory) => KvGbPerToken ?? memory.KvCacheGbPerToken;

    /// <summary>Records every invalid value (property names relative to this record).</summary>
    public void Validate(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(PrefillReplicas >= 1, nameof(PrefillReplicas), $"must be at least 1 (got {PrefillReplicas})");
        errors.Require(DecodeReplicas >= 1, nameof(DecodeReplicas), $"must be at least 1 (got {DecodeReplicas})");
        errors.Require(
            KvTransferLatency >= 0 && double.IsFinite(KvTransferLatency),
            nameof(KvTransferLatency),
            $"must be a finite number >= 0 seconds (got {KvTransferLatency})"
        );
        errors.Require(
            KvTransferGbps > 0 && double.IsFinite(KvTransferGbps),
            nameof(KvTransferGbps),
            $"must be a finite number > 0 GB/s (got {KvTransferGbps})"
        );
        errors.Require(
            KvGbPerToken is not { } kv || (kv > 0 && double.IsFinite(kv)),
            nameof(KvGbPerToken),
            $"must be a finite number > 0 GB (got {KvGbPerToken})"
        );
        errors.Require(DecodeRouting is not null, nameof(DecodeRouting), $"must be one of {string.Join(", ", ReplicaRouters.Names)}");
        errors.Require(DecodeAdmission is not null, nameof(DecodeAdmission), $"must be one of {string.Join(", ", AdmissionOrders.Names)}");
        errors.Require(DecodeMaxNumSeqs is null or >= 1, nameof(DecodeMaxNumSeqs), $"must be at least 1 (got {DecodeMaxNumSeqs})");
        errors.Require(PrefillKvBlocks is null or >= 1, nameof(PrefillKvBlocks), $"must be at least 1 (got {PrefillKvBlocks})");
        errors.Require(DecodeKvBlocks is null or >= 1, nameof(DecodeKvBlocks), $"must be at least 1 (got {DecodeKvBlocks})");
        if (PrefillStepModel is not null)
        {
            errors.AddRange(PrefillStepModel.Validate(nameof(PrefillStepModel)));
        }

        if (DecodeStepModel is not null)
        {
            errors.AddRange(DecodeStepModel.Validate(nameof(DecodeStepModel)));
        }
    }
}
