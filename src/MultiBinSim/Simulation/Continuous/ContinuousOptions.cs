using System.Text.Json.Serialization;
using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Options of the continuous-batching engine (<see cref="ContinuousEngine"/>). The memory model, the SLA deadline and
/// the GPU count come from <see cref="SimulationConfig"/>; everything iteration-level is here.
/// </summary>
public sealed record ContinuousOptions
{
    /// <summary>Smallest and largest accepted <see cref="BlockSize"/>.</summary>
    public const int MaxBlockSize = 4096;

    /// <summary>
    /// The default step-time model: the <c>pang</c> preset (<see cref="PangStepTime"/>): the dynamic-batching paper's
    /// decode step tau(b) = 30 ms + 0.22 ms * b (arXiv 2503.05248, Fig. 3), its documented prefill assumption and no
    /// per-context-token term. One definition serves <c>--step-model pang</c> and the default.
    /// </summary>
    public static StepTimeModel DefaultStepModel => PangStepTime.Model;

    /// <summary>The scheduling policy.</summary>
    public ContinuousPolicy Policy { get; init; } = ContinuousPolicies.All[0];

    /// <summary>Iteration time as a function of what the iteration holds. Its <c>Base</c> must be &gt; 0 so that every iteration takes time.</summary>
    public StepTimeModel StepModel { get; init; } = DefaultStepModel;

    /// <summary>KV-cache blocks per replica; null = (GPU memory - model memory - margin) / (KV GB per token * <see cref="BlockSize"/>), rounded down.</summary>
    public long? KvBlocks { get; init; }

    /// <summary>Tokens per KV-cache block (vLLM's default 16).</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>Most sequences running on one replica at once (vLLM's max_num_seqs). A controller may change it per replica between iterations.</summary>
    public int MaxNumSeqs { get; init; } = 256;

    /// <summary>
    /// vllm, orca, static: most prompt tokens in one iteration; null = no limit (a request whose prompt, with a possible
    /// recompute, exceeds it is rejected on arrival). vllm-v1: the iteration's token budget, decodes (one token each)
    /// and prefill chunks together; null = <see cref="VllmV1Options.DefaultTokenBudget"/>. Each policy reads it through its own
    /// options record (<see cref="ContinuousPolicy.OptionsOf"/>).
    /// </summary>
    public int? MaxBatchedTokens { get; init; }

    /// <summary>
    /// Automatic prefix caching (README, "Prefix caching"), for policies that implement it
    /// (<see cref="ContinuousPolicy.SupportsPrefixCaching"/>: vllm-v1, sarathi): null = the policy's default
    /// (<see cref="ContinuousPolicy.PrefixCachingByDefault"/>: on for vllm-v1, as vLLM v1 has it; off for sarathi). Omitted from canonical configurations when
    /// null, so test keys and fingerprints of
    /// existing configurations are unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PrefixCaching { get; init; }

    /// <summary>Whether this run caches prefixes.</summary>
    [JsonIgnore]
    public bool PrefixCachingEnabled => Policy?.CachesPrefixes(PrefixCaching) ?? false;

    /// <summary>sarathi: the token budget of an iteration (each decode counts one token; prefill chunks fill the rest; <see cref="SarathiOptions"/>).</summary>
    public int ChunkSize { get; init; } = 512;

    /// <summary>
    /// Which waiting request a replica admits next: FCFS, or multi-bin (K = <c>Scheduler.K</c> bins by predicted output
    /// length, one bin per admission round, chosen by <c>Scheduler.BinPolicy</c>; <see cref="MultiBinAdmissionOrder"/>).
    /// </summary>
    public ContinuousAdmission Admission { get; init; } = AdmissionOrders.All[0];

    /// <summary>Whether a queue of the run orders by K bins of predicted output length: <see cref="Admission"/>'s, or the decode pool's.</summary>
    [JsonIgnore]
    public bool UsesBins => (Admission?.UsesBins ?? false) || (Disaggregation?.DecodeAdmission?.UsesBins ?? false);

    /// <summary>How arrivals are dispatched to replicas.</summary>
    public ReplicaRouting Routing { get; init; } = ReplicaRouters.All[0];

    /// <summary>SLO on time to first token, seconds (for <c>slo_attainment</c> and goodput).</summary>
    public double SloTtft { get; init; } = 1.0;

    /// <summary>SLO on time per output token, seconds (for <c>slo_attainment</c> and goodput).</summary>
    public double SloTpot { get; init; } = 0.1;

    /// <summary>Record the KV blocks in use of this replica at every iteration boundary (<see cref="ContinuousTimeline.KvSeries"/>); null = off.</summary>
    public int? KvSeriesReplica { get; init; }

    /// <summary>
    /// Prefill/decode disaggregation: separate prefill and decode pools joined by a KV link; null = colocated (every
    /// replica prefills and decodes). Omitted from canonical configurations when null, so colocated test keys and
    /// fingerprints are unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DisaggregationOptions? Disaggregation { get; init; }

    // --- Dynamic batching (arXiv 2503.05248; README, "Dynamic batching") ---

    /// <summary>
    /// fixed: <see cref="MaxNumSeqs"/> as given; dynamic: b* = min(b_mem, b_SLA) per replica (<see cref="DynamicBatchController"/>),
    /// D_SLA = <see cref="SloTpot"/>. With <see cref="Disaggregation"/>, dynamic sizes the decode replicas' batches (from
    /// their KV blocks and decode max-num-seqs); prefill replicas keep their max-num-seqs.
    /// </summary>
    public BatchingMode Batching { get; init; } = BatchingMode.Fixed;

    /// <summary>Parameters of dynamic batching (used when <see cref="Batching"/> is dynamic).</summary>
    public DynamicBatchingOptions Dynamic { get; init; } = new();

    /// <summary>The max-num-seqs dynamic batching sizes against (its B_max by default): the decode pool's when disaggregated.</summary>
    [JsonIgnore]
    public int BatchSizedMaxNumSeqs => Disaggregation?.DecodeMaxNumSeqs ?? MaxNumSeqs;

    // --- end dynamic batching ---

    /// <summary>
    /// The KV blocks per replica this configuration gives with <paramref name="memory"/>: <see cref="KvBlocks"/> when set,
    /// else <see cref="KvCapacity.Blocks(GpuMemoryModel, int)"/> (decimal inputs such as 9 GB / (5e-6 GB * 16) give 112,500).
    /// </summary>
    /// <exception cref="ConfigurationException">The memory options leave no room for one block.</exception>
    public long ResolveKvBlocks(GpuMemoryModel memory) => KvBlocks ?? KvCapacity.Blocks(memory, BlockSize);

    /// <summary>Records every invalid value in <paramref name="errors"/> (property names relative to this record).</summary>
    public void Validate(ValidationErrors errors, GpuMemoryModel memory)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(Policy is not null, nameof(Policy), $"must be one of {string.Join(", ", ContinuousPolicies.Names)}");
        errors.Require(Admission is not null, nameof(Admission), $"must be one of {string.Join(", ", AdmissionOrders.Names)}");
        errors.Require(Routing is not null, nameof(Routing), $"must be one of {string.Join(", ", ReplicaRouters.Names)}");
        if (StepModel is null)
        {
            errors.Add(nameof(StepModel), "must be set");
        }
        else
        {
            errors.AddRange(StepModel.Validate(nameof(StepModel)));
        }

        errors.Require(BlockSize is >= 1 and <= MaxBlockSize, nameof(BlockSize), $"must be between 1 and {MaxBlockSize} (got {BlockSize})");
        errors.Require(KvBlocks is null or >= 1, nameof(KvBlocks), $"must be at least 1 (got {KvBlocks})");
        if (KvBlocks is null && BlockSize >= 1 && memory.KvCacheGbPerToken > 0)
        {
            try
            {
                KvCapacity.Blocks(memory, BlockSize);
            }
            catch (ConfigurationException e)
            {
                errors.Add(
                    nameof(KvBlocks),
                    $"the memory options leave no room for one KV block ({e.Errors[0].Message}); set the KV blocks explicitly or change the memory options"
                );
            }
        }

        errors.Require(MaxNumSeqs >= 1, nameof(MaxNumSeqs), $"must be at least 1 (got {MaxNumSeqs})");
        errors.Require(MaxBatchedTokens is null or >= 1, nameof(MaxBatchedTokens), $"must be at least 1 (got {MaxBatchedTokens})");
        Policy?.Validate(this, errors);
        errors.Require(
            PrefixCaching != true || Policy is null || Policy.SupportsPrefixCaching,
            nameof(PrefixCaching),
            $"is not implemented for the {Policy?.Name} policy (policies with prefix caching: {string.Join(", ", ContinuousPolicies.All.Where(p => p.SupportsPrefixCaching).Select(p => p.Name))})"
        );

        errors.Require(ChunkSize >= 1, nameof(ChunkSize), $"must be at least 1 (got {ChunkSize})");
        errors.Require(SloTtft > 0 && double.IsFinite(SloTtft), nameof(SloTtft), $"must be a finite number > 0 seconds (got {SloTtft})");
        errors.Require(SloTpot > 0 && double.IsFinite(SloTpot), nameof(SloTpot), $"must be a finite number > 0 seconds (got {SloTpot})");
        errors.Require(Enum.IsDefined(Batching), nameof(Batching), $"must be one of {string.Join(", ", EnumNames.All<BatchingMode>())} (got {Batching})");
        if (Dynamic is null)
        {
            errors.Add(nameof(Dynamic), "must be set");
        }
        else
        {
            errors.Nested(nameof(Dynamic), d => Dynamic.Validate(d, BatchSizedMaxNumSeqs));
        }

        errors.Require(KvSeriesReplica is null or >= 0, nameof(KvSeriesReplica), $"must be >= 0 (got {KvSeriesReplica})");
        if (Disaggregation is not null)
        {
            errors.Nested(nameof(Disaggregation), d => Disaggregation.Validate(d));
            errors.Require(
                Policy is null || Policy.PrefillPool,
                nameof(Policy),
                $"cannot run a disaggregated prefill pool (policies that can: {string.Join(", ", ContinuousPolicies.All.Where(p => p.PrefillPool).Select(p => p.Name))})"
            );
        }
    }
}
