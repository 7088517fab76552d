using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// <c>dynbatch-static</c>: Table I of arXiv 2503.05248, throughput with every request at time 0 (no SLA), fixed vs
/// dynamic batching, on workloads with Table I's token means (<see cref="DynBatchSetup"/>). Without an SLA b* = b_mem
/// (Algorithm 1; the SLA is set to 1,000 s so Algorithm 2 never binds), up to B_max = 1,024, against vLLM's fixed
/// max-num-seqs 256. The paper's numbers are real-GPU measurements: gains shown beside ours, not checked. Our gain
/// comes from tau(b) = 30 + 0.22 b ms alone (b / tau(b) grows with b) and the KV budget; quick: at most 1,000 requests.
/// </summary>
public sealed class DynBatchStatic : IReproduction
{
    /// <summary>Table I rows with distinct settings: model, prompt mean, output mean, requests, static and dynamic tokens/s.</summary>
    public static IReadOnlyList<(string Model, double Prompt, double Output, int Requests, double Fixed, double Dynamic)> Rows { get; } =
    [
        ("LLaMA-65B", 68.4, 344.5, 1319, 1983, 2146),
        ("LLaMA3-70B", 68.4, 454.4, 1319, 3153, 3357),
        ("LLaMA3-70B", 191.0, 381.9, 3000, 2296, 2575),
        ("PanGu-7B", 128, 128, 1000, 2305, 2956),
    ];

    /// <inheritdoc/>
    public string Name => "dynbatch-static";

    /// <inheritdoc/>
    public string Title => "Table I: throughput with all requests at time 0, fixed vs dynamic batching";

    /// <inheritdoc/>
    public string Paper => "arXiv 2503.05248, Table I";

    /// <inheritdoc/>
    public ReproductionResult Run(ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var results = ReproductionRuns.Map(Rows.Count * 2, options.Parallelism, i =>
        {
            var row = Rows[i / 2];
            int n = options.Quick ? Math.Min(1_000, row.Requests) : row.Requests;
            var workload = DynBatchSetup.Build(n, row.Prompt, row.Output, atZero: true, ReproductionRuns.Seed(Name, i / 2));
            var metrics = SimulationEngines
                .Run(workload, DynBatchSetup.Config(i % 2 == 0 ? BatchingMode.Fixed : BatchingMode.Dynamic, 1000.0), recordTimeline: false)
                .Metrics;
            return (tput: DynBatchSetup.OutputTokensPerSecond(workload, metrics), running: metrics.AvgRunningSequences ?? double.NaN, n);
        });

        var table = new ReproductionTable(
            ReproductionColumn.Text("model", "the paper's model of this row"),
            ReproductionColumn.Double("prompt_mean", "mean prompt tokens"),
            ReproductionColumn.Double("output_mean", "mean output tokens"),
            ReproductionColumn.Int("requests", "requests, all at time 0"),
            ReproductionColumn.Double("fixed_tokens_per_sec", "output tokens/s, max-num-seqs 256"),
            ReproductionColumn.Double("dynamic_tokens_per_sec", "output tokens/s, dynamic batching"),
            ReproductionColumn.Double("fixed_avg_running", "mean sequences per iteration, fixed"),
            ReproductionColumn.Double("dynamic_avg_running", "mean sequences per iteration, dynamic"),
            ReproductionColumn.Double("gain", "dynamic / fixed"),
            ReproductionColumn.Double("paper_gain", "Table I: dynamic / static (real GPUs)")
        );
        var comparisons = new List<PublishedComparison>();
        for (int r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            var (f, d) = (results[2 * r], results[2 * r + 1]);
            table.Add(row.Model, row.Prompt, row.Output, f.n, f.tput, d.tput, f.running, d.running, d.tput / f.tput, row.Dynamic / row.Fixed);
            comparisons.Add(
                PublishedComparison.Of(
                    FormattableString.Invariant($"throughput gain dynamic / fixed, {row.Model} prompt {row.Prompt} output {row.Output}"),
                    row.Dynamic / row.Fixed,
                    d.tput / f.tput,
                    null,
                    "real-GPU measurement (vLLM, unpublished GPUs and static setting); ours: pang step model, geometric lengths with the same means, fixed max-num-seqs 256"
                )
            );
        }

        var x = Enumerable.Range(1, Rows.Count).Select(i => (double)i).ToArray();
        var lines = new List<ChartLine>
        {
            new("gain, ours", Family: "gain", X: x, Y: Enumerable.Range(0, Rows.Count).Select(r => results[2 * r + 1].tput / results[2 * r].tput).ToArray()),
            new("gain, paper (real GPUs)", x, Rows.Select(r => r.Dynamic / r.Fixed).ToArray(), Dashed: true, Family: "gain"),
        };
        var chart = ReproductionCharts.Lines("Table I: dynamic / fixed throughput, all requests at time 0", "Table I row", "throughput gain", lines);
        string setup =
            FormattableString.Invariant(
                $"Continuous engine, vllm policy, pang step model, 1 replica, {DynBatchSetup.KvBlocks:N0} KV blocks of 16; geometric prompt/output lengths with Table I's means, all at time 0; "
            )
            + FormattableString.Invariant(
                $"fixed: max-num-seqs {DynBatchSetup.FixedMaxNumSeqs}; dynamic: b* = min(b_mem, b_SLA) with no binding SLA, B_max {DynBatchSetup.DynamicMaxBatch}."
            );
        return new ReproductionResult(Name, Title, Paper, setup, table, [chart], comparisons);
    }
}
