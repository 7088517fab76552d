namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The <c>pang</c> preset: the decode-step model of the dynamic-batching paper (Pang, Li and Wang, "Optimizing LLM
/// Inference Throughput via Memory-aware and SLA-constrained Dynamic Batching", arXiv 2503.05248), Section III-A and
/// its Fig. 3, whose red line is <c>tau_step(b) = 0.22 b + 30</c> milliseconds for a decode step of batch size b.
/// <list type="bullet">
/// <item><see cref="BaseSeconds"/> = 30 ms and <see cref="PerSequenceSeconds"/> = 0.22 ms: Fig. 3 exactly, so a
/// decode-only iteration of b sequences takes 0.030 + 0.00022 b seconds.</item>
/// <item><see cref="PerKvTokenSeconds"/> = 0: the paper's step time depends on the batch size alone (Fig. 3 and
/// Section II-B, "D(b_t) linearly depends on batch size b_t"); it has no context-length term.</item>
/// <item><see cref="PerPrefillTokenSeconds"/> = 0.22 ms: the paper measures decode steps only and states no prefill
/// cost, so this is an assumption: a prompt token costs what Fig. 3's slope charges for one more sequence in a decode
/// step, i.e. one more token through the model. Cross-check: the compute term of the <c>roofline</c> preset for the
/// paper's model class (a 70B Llama, its Tables I and II) on 4 x A100-80GB, 2 * 68.98e9 / (4 * 312e12 * 0.5) =
/// 0.221 ms per token, agrees within 1 % (a test checks the agreement within 5 %).</item>
/// </list>
/// The paper does not name the GPU of Fig. 3, so the preset carries no memory figures for KV-cache sizing.
/// </summary>
public static class PangStepTime
{
    /// <summary>The intercept of Fig. 3's decode-step line: 30 ms.</summary>
    public const double BaseSeconds = 0.030;

    /// <summary>The slope of Fig. 3's decode-step line: 0.22 ms per sequence in the batch.</summary>
    public const double PerSequenceSeconds = 0.00022;

    /// <summary>Assumed: one prompt token costs Fig. 3's marginal per-sequence (one-token) cost, 0.22 ms.</summary>
    public const double PerPrefillTokenSeconds = 0.00022;

    /// <summary>The paper's step time has no context-length term.</summary>
    public const double PerKvTokenSeconds = 0.0;

    /// <summary>The preset's label.</summary>
    public const string Label = "pang";

    /// <summary>The <c>pang</c> step-time model.</summary>
    public static StepTimeModel Model { get; } = new(BaseSeconds, PerSequenceSeconds, PerPrefillTokenSeconds, PerKvTokenSeconds, Label);

    /// <summary>The resolved specification, with a one-line summary.</summary>
    public static StepTimeSpec Spec { get; } =
        new(Model, "pang: tau(b) = 30 ms + 0.22 ms * b per decode step (arXiv 2503.05248, Fig. 3); prefill 0.22 ms per prompt token (assumed); no KV term");
}
