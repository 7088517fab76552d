using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// <c>multibin-continuous</c>: the kit's own result, in no paper: multi-bin admission (<see cref="MultiBinAdmissionOrder"/>)
/// against FCFS on the continuous engine under two policies: <c>static</c> (a batch admitted together runs until all of it
/// finishes: the batching the paper analyses, where bins keep a batch from waiting for its longest member) and
/// <c>vllm</c> (a finished sequence's slot is refilled at once, which already removes that waste); <c>pang</c> step
/// model, default KV cache, max-num-seqs 16, 2 replicas, round-robin routing. For k = 1, 2, 4, 8 bins (equal-mass on the predictions, round-robin bin
/// selection) and the
/// oracle and prompt power-law predictors, the capacity is the highest request rate whose SLO attainment
/// (TTFT &lt;= 1 s and TPOT &lt;= 0.1 s) stays &gt;= 90 % (<see cref="CapacityCriterion.SloAttainment"/>, by
/// <see cref="CapacitySearch"/> compressing the arrivals of the embedded synthetic BurstGPT-shaped trace, failed rows
/// dropped). The only expectation checked is internal consistency: with k = 1 multi-bin admission is FCFS, so its
/// capacity must equal FCFS's exactly. Full: the first 2,000 requests; quick: 500.
/// </summary>
public sealed class MultiBinContinuous : IReproduction
{
    /// <summary>Replicas (GPUs).</summary>
    public const int Replicas = 2;

    /// <summary>
    /// Most sequences per replica: small enough that requests queue before the SLOs break (with vLLM's default 256 nothing waits at these rates and the
    /// admission order cannot matter).
    /// </summary>
    public const int MaxNumSeqs = 16;

    /// <summary>Bins k.</summary>
    public static IReadOnlyList<int> Ks { get; } = [1, 2, 4, 8];

    /// <summary>Policies compared.</summary>
    public static IReadOnlyList<ContinuousPolicy> Policies { get; } = [ContinuousPolicy.Static, ContinuousPolicy.Vllm, ContinuousPolicy.VllmV1];

    /// <summary>Predictors compared.</summary>
    public static IReadOnlyList<string> PredictorNames { get; } = ["oracle", "prompt-power-law"];

    /// <inheritdoc/>
    public string Name => "multibin-continuous";

    /// <inheritdoc/>
    public string Title => "Multi-bin admission vs FCFS on the continuous engine: capacity at 90 % SLO attainment vs k";

    /// <inheritdoc/>
    public string Paper => "none (the kit's own result; no paper has this figure)";

    /// <summary>Requests of the synthetic trace.</summary>
    public static int Requests(bool quick) => quick ? 500 : 2_000;

    /// <inheritdoc/>
    public ReproductionResult Run(ReproductionOptions options)
    {
        options.Validate();
        int requests = Requests(options.Quick);
        var trace = SyntheticBurstGpt.Generate(requests * 2);
        var workloads = PredictorNames
            .Select(p =>
                WorkloadBuilder.Build(
                    trace,
                    new WorkloadOptions
                    {
                        Requests = requests,
                        RpsScaling = 1,
                        DropFailed = true,
                        Predictor = p,
                    }
                )
            )
            .ToArray();
        var criterion = CapacityCriterion.SloAttainment(0.9);

        // Per policy and predictor: FCFS, then multi-bin for each k.
        int perPredictor = 1 + Ks.Count;
        int perPolicy = PredictorNames.Count * perPredictor;
        var runs = ReproductionRuns.Map(Policies.Count * perPolicy, options.Parallelism, i =>
        {
            var policy = Policies[i / perPolicy];
            var workload = workloads[i % perPolicy / perPredictor];
            int j = i % perPredictor;
            var continuous = new ContinuousOptions
            {
                Policy = policy,
                MaxNumSeqs = MaxNumSeqs,
                Admission = j == 0 ? ContinuousAdmission.Fcfs : ContinuousAdmission.MultiBin,
            };
            var config = new SimulationConfig
            {
                Engine = ContinuousEngine.EngineName,
                Gpus = Replicas,
                Continuous = continuous,
            };
            config = config with { Scheduler = config.Scheduler with { K = j == 0 ? 1 : Ks[j - 1], BinPolicy = BinSelectionPolicy.RoundRobin } };
            double capacity = CapacitySearch.Find(workload, config, criterion).RateRequestsPerSec;
            // Saturated: every request present at once (arrivals compressed a billion-fold), the regime of the paper's Theorem 4.2.
            double saturated = SimulationEngines.Run(workload.WithArrivalsCompressed(1e9), config, recordTimeline: false).Metrics.ThroughputRequestsPerSec;
            return (Capacity: capacity, Saturated: saturated);
        });

        var table = new ReproductionTable(
            ReproductionColumn.Text("policy", "continuous-engine iteration policy"),
            ReproductionColumn.Text(ConfigurationColumns.Predictor.Name, "output-length predictor the bins use"),
            ReproductionColumn.Text("admission", "fcfs or multi-bin"),
            ReproductionColumn.Int("k", "bins (equal-mass on the predictions; 1 for fcfs)"),
            ReproductionColumn.Double("capacity_rps", "highest request rate with SLO attainment >= 90 % (req/s)"),
            ReproductionColumn.Double("capacity_rps_per_gpu", "capacity_rps / replicas (req/s per GPU)"),
            ReproductionColumn.Double("gain_vs_fcfs", "capacity_rps / FCFS's capacity_rps - 1"),
            ReproductionColumn.Double("saturated_throughput_rps", "throughput with every request present at time 0 (req/s)"),
            ReproductionColumn.Double("saturated_gain_vs_fcfs", "saturated_throughput_rps / FCFS's - 1")
        );
        var saturatedLines = new List<ChartLine>();
        var lines = new List<ChartLine>();
        var comparisons = new List<PublishedComparison>();
        var ks = Ks.Select(k => (double)k).ToArray();
        for (int q = 0; q < Policies.Count; q++)
        {
            string policy = Policies[q].Name;
            for (int p = 0; p < PredictorNames.Count; p++)
            {
                int first = q * perPolicy + p * perPredictor;
                double fcfs = runs[first].Capacity,
                    fcfsSaturated = runs[first].Saturated;
                table.Add(policy, PredictorNames[p], "fcfs", 1, fcfs, fcfs / Replicas, 0.0, fcfsSaturated, 0.0);
                var capacities = new double[Ks.Count];
                var saturated = new double[Ks.Count];
                for (int ki = 0; ki < Ks.Count; ki++)
                {
                    (capacities[ki], saturated[ki]) = runs[first + 1 + ki];
                    table.Add(
                        policy,
                        PredictorNames[p],
                        "multi-bin",
                        Ks[ki],
                        capacities[ki],
                        capacities[ki] / Replicas,
                        capacities[ki] / fcfs - 1,
                        saturated[ki],
                        saturated[ki] / fcfsSaturated - 1
                    );
                }

                comparisons.Add(
                    PublishedComparison.Unpublished(
                        $"saturated throughput gain of multi-bin k={Ks[^1]} over FCFS, {policy}, {PredictorNames[p]}",
                        saturated[^1] / fcfsSaturated,
                        "no paper has this number: the kit's own result (1 = no gain); the paper's Theorem 4.2 predicts a gain for batches that run to completion (static)"
                    )
                );
                saturatedLines.Add(new ChartLine($"{policy}, multi-bin, {PredictorNames[p]}", ks, saturated, Family: $"{policy}, {PredictorNames[p]}"));
                saturatedLines.Add(
                    new ChartLine(
                        $"{policy}, FCFS ({PredictorNames[p]} workload)",
                        ks,
                        Ks.Select(_ => fcfsSaturated).ToArray(),
                        Dashed: true,
                        Family: $"{policy}, {PredictorNames[p]}"
                    )
                );

                comparisons.Add(
                    PublishedComparison.Of(
                        $"capacity, {policy}, multi-bin k=1 vs FCFS, {PredictorNames[p]} (req/s)",
                        fcfs,
                        capacities[0],
                        0,
                        "not a published number: with one bin multi-bin admission is FCFS, so the capacities must be identical"
                    )
                );
                comparisons.Add(
                    PublishedComparison.Unpublished(
                        $"capacity gain of multi-bin k={Ks[^1]} over FCFS, {policy}, {PredictorNames[p]}",
                        capacities[^1] / fcfs,
                        "no paper has this number: the kit's own result (1 = no gain)"
                    )
                );
                lines.Add(new ChartLine($"{policy}, multi-bin, {PredictorNames[p]}", ks, capacities, Family: $"{policy}, {PredictorNames[p]}"));
                lines.Add(
                    new ChartLine(
                        $"{policy}, FCFS ({PredictorNames[p]} workload)",
                        ks,
                        Ks.Select(_ => fcfs).ToArray(),
                        Dashed: true,
                        Family: $"{policy}, {PredictorNames[p]}"
                    )
                );
            }
        }

        var chart = ReproductionCharts.Lines(
            "Multi-bin admission on the continuous engine: capacity at 90 % SLO attainment vs bins k",
            "bins k (log2 scale)",
            "capacity (req/s, 2 replicas)",
            lines,
            logX: true
        );
        string setup =
            FormattableString.Invariant(
                $"No paper has this figure (the kit's own result). Continuous engine, static, vllm and vllm-v1 policies, pang step model, default KV cache, max-num-seqs {MaxNumSeqs}, {Replicas} replicas, round-robin routing; "
            )
            + FormattableString.Invariant(
                $"the first {requests:N0} non-failed requests of the embedded synthetic BurstGPT-shaped trace; capacity = highest rate with SLO attainment >= 90 % (TTFT <= 1 s, TPOT <= 0.1 s); "
            )
            + "multi-bin: equal-mass bins on the predictions, round-robin bin selection; gains are relative to FCFS on the same workload; saturated throughput: the same requests all present at time 0; the capacity search stops at 1 % relative width, so gains below about 1 % are within its resolution.";
        var saturatedChart = ReproductionCharts.Lines(
            "Saturated throughput (every request present at time 0) vs bins k",
            "bins k (log2 scale)",
            "throughput (req/s, 2 replicas)",
            saturatedLines,
            logX: true
        );
        return new ReproductionResult(Name, Title, Paper, setup, table, [chart, saturatedChart], comparisons);
    }
}
