using System.Globalization;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The <c>seed</c> preset: the batch engine's calibration (<see cref="LatencyModel.Default"/>, the seed simulator's
/// Qwen3-1.7B / RTX 4080 grid) restated per iteration, so that the two engines describe the same hardware and a
/// comparison of them measures scheduling, not cost models.
/// <para>
/// The batch engine charges a batch of b requests t(b, L) = alpha + beta L (1 + gamma (b - 1) / b): L token positions of
/// its longest request, prompt and output alike, each costing beta (1 + gamma (b - 1) / b). Per iteration that is:
/// </para>
/// <list type="bullet">
/// <item><c>Base</c> = beta (1 + gamma) = 0.42 ms: one token position of a large batch (the limit b -> infinity; within
/// 7 % of the seed's cost from b = 4 sequences on, 40 % above it for a lone sequence).</item>
/// <item><c>PerPrefillToken</c> = beta (1 + gamma): a prompt token costs what the seed charges any token position. The
/// continuous engine sums the prompt tokens of an iteration, where the seed charges only the longest prompt of a batch
/// (its model has no prefill parallelism to speak of), so prefill-heavy iterations cost more here.</item>
/// <item><c>PerSequence</c> = <c>PerKvToken</c> = 0: the seed's cost does not grow with batch size beyond gamma, nor with context.</item>
/// <item>The seed's per-batch overhead alpha (15 ms) has no per-iteration counterpart and is dropped.</item>
/// </list>
/// A request alone therefore takes (1 + gamma) beta (prompt + output) seconds on the continuous engine, against
/// alpha + beta (prompt + output) on the batch engine.
/// </summary>
public static class SeedStepTime
{
    /// <summary>The preset's label.</summary>
    public const string Label = "seed";

    /// <summary>The per-token-position cost of a large batch under <paramref name="latency"/>: beta (1 + gamma), seconds.</summary>
    public static double TokenSeconds(LatencyModel latency) => latency.Beta * (1 + latency.Gamma);

    /// <summary>The <c>seed</c> step-time model of the default calibration.</summary>
    public static StepTimeModel Model { get; } = new(TokenSeconds(LatencyModel.Default), 0, TokenSeconds(LatencyModel.Default), 0, Label);

    /// <summary>The resolved specification, with a one-line summary.</summary>
    public static StepTimeSpec Spec { get; } =
        new(
            Model,
            string.Create(
                CultureInfo.InvariantCulture,
                $"seed: the batch engine's calibration per iteration, {Model.Base * 1000:0.###} ms per iteration and per prompt token (beta (1 + gamma) of {LatencyModel.Default}); no per-batch alpha"
            )
        );
}
