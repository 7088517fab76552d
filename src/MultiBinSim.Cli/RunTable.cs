using MultiBinSim.Errors;
using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>Prints a run's configuration and metrics as Spectre.Console tables.</summary>
internal static class RunTable
{
    /// <summary>
    /// Draws a small table of the same kind into a discarded console: Spectre.Console's first table costs tens of
    /// milliseconds of type loading and layout code, which <c>mbsim run</c> pays on its second core while it simulates
    /// (see <see cref="RunCommand"/>) instead of after. Prints nothing.
    /// </summary>
    public static void Warm()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]mbsim run[/]").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        table.AddRow("requests", Markup.Escape("1,000 [x]"), "s");
        console.Write(table);
    }

    public static void Print(SingleRunOutcome outcome)
    {
        var sim = outcome.Spec.Simulation;
        var w = outcome.Spec.Workload;
        var config = new Table().Border(TableBorder.Rounded).Title("[bold]mbsim run[/]").AddColumn("setting").AddColumn("value");
        config.AddRow("dataset", Markup.Escape(outcome.Workload.DisplayName));
        config.AddRow("requests", outcome.Result.Metrics.NumRequests.ToString("N0", CultureInfo.InvariantCulture));
        config.AddRow("arrivals", w.RealTimestamps ? "real timestamps" : $"timestamps / {w.RpsScaling.ToString(CultureInfo.InvariantCulture)} (rps scaling)");
        if (sim.Engine == ContinuousEngine.EngineName)
        {
            AddContinuousRows(config, outcome);
        }
        else
        {
            AddBatchRows(config, outcome);
        }

        AnsiConsole.Write(config);

        bool continuous = sim.Engine == ContinuousEngine.EngineName;
        var metrics = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        foreach (var metric in MetricCatalogue.All)
        {
            // Metrics the engine leaves empty (TTFT on the batch engine, ...) are not shown, nor the batch engine's
            // batch and bin counts on the continuous engine (one bin; its "batches" are iterations).
            if (metric.Read(outcome.Result.Metrics) is { } value && !(continuous && BatchOnlyMetrics.Contains(metric.Name)))
            {
                metrics.AddRow(metric.Name, Format(value), Markup.Escape(metric.Unit ?? ""));
            }
        }

        AnsiConsole.Write(metrics);
    }

    /// <summary>Metrics the continuous table leaves out: the batch engine's batches and bins.</summary>
    private static readonly string[] BatchOnlyMetrics = [MetricCatalogue.NumBatches.Name, MetricCatalogue.BinRequestCounts.Name, MetricCatalogue.BinBatchCounts.Name];

    /// <summary>The batch engine's rows: scheduler, GPUs, bins, predictor, D_SLA and the latency model (as before).</summary>
    private static void AddBatchRows(Table config, SingleRunOutcome outcome)
    {
        var sim = outcome.Spec.Simulation;
        var w = outcome.Spec.Workload;
        config.AddRow("scheduler", sim.Scheduler.Scheduler.Name);
        config.AddRow("gpus", sim.Gpus.ToString(CultureInfo.InvariantCulture));
        if (outcome.Result.Boundaries is { } bounds)
        {
            config.AddRow("bins", Markup.Escape($"K={bounds.K} ({EnumNames.Name(sim.Scheduler.BinPolicy)}): {bounds}"));
            if (bounds.EmptyBins.Count > 0)
            {
                config.AddRow("empty bins", string.Join(", ", bounds.EmptyBins));
            }
        }

        config.AddRow("predictor", $"{outcome.Workload.Predictor} (seed {w.Seed})");
        config.AddRow("D_SLA", $"{sim.Scheduler.DSla.ToString(CultureInfo.InvariantCulture)} s");
        config.AddRow("latency model", Markup.Escape($"{outcome.Latency.Model} (R^2={outcome.Latency.RSquared:F6}, {outcome.Latency.Source})"));
    }

    /// <summary>The continuous engine's rows: its policy, step model, KV cache, limits, routing, admission, batching and SLOs.</summary>
    private static void AddContinuousRows(Table config, SingleRunOutcome outcome)
    {
        var sim = outcome.Spec.Simulation;
        var w = outcome.Spec.Workload;
        var c = sim.Continuous;
        var step = c.StepModel;
        config.AddRow("engine", sim.Engine);
        config.AddRow("replicas", sim.Gpus.ToString(CultureInfo.InvariantCulture));
        config.AddRow("policy", c.Policy.Name + (c.Policy == ContinuousPolicy.Sarathi ? $" (chunk {c.ChunkSize.ToString(CultureInfo.InvariantCulture)} tokens)" : ""));
        config.AddRow("step model", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{step.Label}: base {step.Base:G6} s, per sequence {step.PerSequence:G6} s, per prefill token {step.PerPrefillToken:G6} s, per KV token {step.PerKvToken:G6} s")));
        config.AddRow("KV cache", string.Create(CultureInfo.InvariantCulture, $"{c.ResolveKvBlocks(sim.Scheduler.Memory):N0} blocks of {c.BlockSize} tokens per replica"));
        config.AddRow("max-num-seqs", c.MaxNumSeqs.ToString(CultureInfo.InvariantCulture));
        config.AddRow("max batched tokens", c.Policy == ContinuousPolicy.VllmV1
            ? (c.MaxBatchedTokens ?? ContinuousOptions.DefaultTokenBudget).ToString(CultureInfo.InvariantCulture) + " (token budget: decodes and prefill chunks)"
            : c.MaxBatchedTokens?.ToString(CultureInfo.InvariantCulture) ?? "no limit");
        if (c.Policy.SupportsPrefixCaching || c.PrefixCaching is not null)
        {
            config.AddRow("prefix caching", (c.PrefixCachingEnabled ? "on" : "off")
                + (c.PrefixCachingEnabled && outcome.Workload.Prefixes is { } p ? $" ({Markup.Escape(p.Description)})" : c.PrefixCachingEnabled ? " (no prefix identity: every prompt distinct)" : ""));
        }
        config.AddRow("routing", c.Routing.Name);
        if (c.Disaggregation is { } pools)
        {
            long kv = c.ResolveKvBlocks(sim.Scheduler.Memory);
            config.AddRow("disaggregation", string.Create(CultureInfo.InvariantCulture,
                $"{pools.PrefillReplicas} prefill + {pools.DecodeReplicas} decode replicas; KV link {pools.KvTransferLatency} s + {pools.ResolveKvGbPerToken(sim.Scheduler.Memory)} GB/token / {pools.KvTransferGbps} GB/s per prefill replica (FIFO)"));
            config.AddRow("prefill pool", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{c.Policy.Name}, step model {pools.PrefillPool(c).StepModel.Label}, {pools.PrefillKvBlocks ?? kv:N0} KV blocks")));
            config.AddRow("decode pool", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{(pools.DecodeAdmission == ContinuousAdmission.MultiBin ? $"multi-bin admission (K={sim.Scheduler.K}, {EnumNames.Name(sim.Scheduler.BinPolicy)})" : "FCFS")}, routing {pools.DecodeRouting.Name}, max-num-seqs {pools.DecodePool(c).MaxNumSeqs}, step model {pools.DecodePool(c).StepModel.Label}, {pools.DecodeKvBlocks ?? kv:N0} KV blocks")));
        }

        config.AddRow("admission", c.Admission == ContinuousAdmission.MultiBin
            ? $"{c.Admission.Name} (K={sim.Scheduler.K.ToString(CultureInfo.InvariantCulture)}, {EnumNames.Name(sim.Scheduler.BinPolicy)})"
            : c.Admission.Name);
        config.AddRow("batching", c.Batching == BatchingMode.Dynamic
            ? string.Create(CultureInfo.InvariantCulture, $"dynamic{(c.Disaggregation is null ? "" : " on the decode pool")} (B {c.Dynamic.MinBatch}..{c.Dynamic.ResolveMaxBatch(c.BatchSizedMaxNumSeqs)}, eps_M {c.Dynamic.MemoryEpsilon}, eps_D {c.Dynamic.SlaEpsilon} s, alpha {c.Dynamic.Alpha}, delta {c.Dynamic.Delta})")
            : "fixed");
        config.AddRow("SLOs", string.Create(CultureInfo.InvariantCulture, $"TTFT <= {c.SloTtft} s, TPOT <= {c.SloTpot} s"));
        config.AddRow("predictor", $"{outcome.Workload.Predictor} (seed {w.Seed})");
        config.AddRow("D_SLA", $"{sim.Scheduler.DSla.ToString(CultureInfo.InvariantCulture)} s");
    }

    private static string Format(object value) => value switch
    {
        IReadOnlyList<long> values => string.Join(" ", values),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
