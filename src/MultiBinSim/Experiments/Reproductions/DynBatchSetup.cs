using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// What the dynamic-batching figures (arXiv 2503.05248) share: workloads with the paper's token means, the replica
/// (the <c>pang</c> step model, one GPU group, a KV budget) and the fixed and dynamic configurations.
/// The paper publishes only mean prompt and output lengths (Tables I and II); lengths here are geometric on 1, 2, ...
/// with exactly those means (the maximum-entropy law for a positive integer with a given mean), drawn from seeded
/// generators. KV budget: LLaMA3-70B (80 layers, 8 KV heads of 128, fp16: 0.328 MB per token) on 4 x A100-80GB,
/// (320 - 140 GB of weights) x 0.9 / 0.328 MB = 494,000 tokens = <see cref="KvBlocks"/> blocks of 16; the paper does
/// not give its GPUs, so this is our assumption. Fixed batching uses vLLM's default max-num-seqs 256; dynamic batching
/// searches up to B_max = <see cref="DynamicMaxBatch"/> (the paper does not publish B_max).
/// </summary>
public static class DynBatchSetup
{
    /// <summary>KV blocks of 16 tokens per replica (see the class summary).</summary>
    public const long KvBlocks = 30_875;

    /// <summary>vLLM's default max-num-seqs: the fixed baseline.</summary>
    public const int FixedMaxNumSeqs = 256;

    /// <summary>B_max of the dynamic runs.</summary>
    public const int DynamicMaxBatch = 1024;

    /// <summary>
    /// Geometric lengths on {1, 2, ...} with mean <paramref name="mean"/> (&gt; 1): 1 + floor(X), X exponential with mean 1 / ln(1 + 1 / (mean - 1)).
    /// </summary>
    public static int[] GeometricLengths(int count, double mean, NumpyLegacyRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double scale = 1.0 / Math.Log(1 + 1 / (mean - 1));
        var lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            lengths[i] = 1 + (int)Math.Min(int.MaxValue - 1, Math.Floor(rng.NextExponential(scale)));
        }

        return lengths;
    }

    /// <summary>
    /// <paramref name="count"/> requests with geometric prompt and output lengths of the given means; Poisson arrivals at
    /// 1 req/s (the capacity search's baseline) or, with <paramref name="atZero"/>, all at time 0.
    /// </summary>
    public static Workload Build(int count, double promptMean, double outputMean, bool atZero, uint seed)
    {
        var prompt = GeometricLengths(count, promptMean, new NumpyLegacyRandom(seed));
        var output = GeometricLengths(count, outputMean, new NumpyLegacyRandom(seed ^ 0x9E3779B9u));
        var arrivals = new double[count];
        if (!atZero)
        {
            var gaps = new NumpyLegacyRandom(seed ^ 0x5DEECE66u);
            double t = 0;
            for (int i = 0; i < count; i++)
            {
                t += gaps.NextExponential(1.0);
                arrivals[i] = t;
            }
        }

        return Workload.FromColumns(
            arrivals,
            prompt,
            output,
            (int[])output.Clone(),
            FormattableString.Invariant(
                $"geometric lengths, prompt mean {promptMean}, output mean {outputMean}, {(atZero ? "all at time 0" : "Poisson arrivals at 1 req/s")}"
            )
        );
    }

    /// <summary>The continuous-engine configuration: fixed at max-num-seqs 256, or dynamic up to B_max, D_SLA = <paramref name="sloTpot"/>.</summary>
    public static SimulationConfig Config(BatchingMode mode, double sloTpot, long kvBlocks = KvBlocks) =>
        new()
        {
            Engine = ContinuousEngine.EngineName,
            Gpus = 1,
            Continuous = new ContinuousOptions
            {
                StepModel = PangStepTime.Model,
                KvBlocks = kvBlocks,
                MaxNumSeqs = mode == BatchingMode.Fixed ? FixedMaxNumSeqs : DynamicMaxBatch,
                SloTpot = sloTpot,
                Batching = mode,
            },
        };

    /// <summary>Output tokens per second of a finished run (every request completed).</summary>
    public static double OutputTokensPerSecond(Workload workload, Metrics.RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(metrics);
        long sum = 0;
        foreach (int o in workload.OutputTokens)
        {
            sum += o;
        }

        return metrics.TotalTime > 0 ? sum / metrics.TotalTime : 0.0;
    }
}
