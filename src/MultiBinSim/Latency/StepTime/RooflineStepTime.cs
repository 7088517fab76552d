using System.Globalization;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The <c>roofline:MODEL@GPU</c> preset: an additive roofline of one iteration of a replica of
/// <see cref="LlmSpec.TensorParallel"/> GPUs, each holding 1/TP of the weights and of the KV cache and doing 1/TP of
/// the FLOPs:
/// <list type="bullet">
/// <item><c>Base = (weight bytes / TP) / (bandwidth * MemoryEfficiency)</c>: every iteration streams each GPU's
/// weight shard from HBM once, whatever the batch.</item>
/// <item><c>PerPrefillToken = 2 * parameters / TP / (peak dense BF16 FLOP/s * ComputeEfficiency)</c>: a token
/// through the model costs 2 FLOPs per parameter (one multiply-add).</item>
/// <item><c>PerSequence = the same one-token compute + SequenceOverheadSeconds</c>: a decode sequence sends one token
/// through the model; for a sequence in prefill this counts one token twice, a stated over-estimate of 1/prompt.</item>
/// <item><c>PerKvToken = (KV bytes per token / TP) / (bandwidth * MemoryEfficiency)</c>: decode attention reads the
/// key and value vectors of every context token once per iteration.</item>
/// </list>
/// The terms add rather than take the maximum of compute and memory time (the linear form every preset shares), which
/// over-estimates an iteration near the ridge point by at most 2x. Tensor-parallel all-reduces (2 per layer) are not
/// charged: no allowance, so a TP replica's Base is a lower bound. Attention FLOPs over the context
/// (<c>4 * layers * hidden * context</c> per token) are not charged either; at the contexts of chat traces they are a
/// few percent of <c>2 * parameters</c>.
/// </summary>
public static class RooflineStepTime
{
    /// <summary>
    /// Fraction of peak dense FLOP/s the large matrix multiplies of prefill reach: 0.5. A stated assumption (serving
    /// kernels typically reach 40-60 % model FLOP utilization in prefill), not a measurement.
    /// </summary>
    public const double ComputeEfficiency = 0.5;

    /// <summary>
    /// Fraction of peak HBM bandwidth that streaming the weights and the KV cache reaches: 0.8. A stated assumption
    /// (streaming copy kernels reach 80-90 % of datasheet bandwidth), not a measurement.
    /// </summary>
    public const double MemoryEfficiency = 0.8;

    /// <summary>
    /// Per-sequence host-side cost of an iteration (scheduling, sampling, detokenization): 10 microseconds. A stated
    /// assumption, small beside the terms above.
    /// </summary>
    public const double SequenceOverheadSeconds = 10e-6;

    /// <summary>The roofline step-time model of <paramref name="model"/> on <paramref name="gpu"/>.</summary>
    public static StepTimeSpec Build(LlmSpec model, GpuSpec gpu)
    {
        int tp = model.TensorParallel;
        // KV heads shard across the TP GPUs; past one head per GPU they are replicated.
        int kvShards = Math.Min(tp, model.KvHeads);
        double bandwidth = gpu.MemoryBandwidthBytesPerSecond * MemoryEfficiency;
        double flops = gpu.PeakDenseBf16Flops * ComputeEfficiency;

        double baseSeconds = model.WeightBytes / tp / bandwidth;
        double perToken = 2.0 * model.Parameters / tp / flops;
        double perKvToken = (double)model.KvBytesPerToken / kvShards / bandwidth;
        double perSequence = perToken + SequenceOverheadSeconds;

        string label = $"roofline:{model.Name}@{gpu.Name}";
        var memory = new ReplicaMemory(
            MemoryBytes: gpu.MemoryBytes * tp,
            WeightBytes: model.WeightBytes,
            KvBytesPerToken: (double)model.KvBytesPerToken * tp / kvShards,
            Gpus: tp
        );
        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{label} (TP {tp}; efficiencies: compute {ComputeEfficiency}, memory {MemoryEfficiency}): base {baseSeconds * 1e3:0.###} ms, "
                + $"per sequence {perSequence * 1e3:0.#####} ms, per prefill token {perToken * 1e3:0.#####} ms, per KV token {perKvToken * 1e6:0.#####} us; "
                + $"weights {model.WeightBytes / 1e9:0.##} GB, KV {model.KvBytesPerToken} B/token, memory {memory.MemoryBytes / 1e9:0.#} GB"
        );
        return new StepTimeSpec(new StepTimeModel(baseSeconds, perSequence, perToken, perKvToken, label), summary, memory);
    }
}
