using System.Diagnostics;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// The continuous-batching engine: iteration-level scheduling on G replicas with a paged KV cache, chunked prefill,
/// preemption by recompute and replica routing (<see cref="ContinuousOptions"/>; semantics in the README section
/// "Continuous-batching engine"). Stretches of identical decode iterations are advanced in closed form, so the cost
/// grows with requests, not tokens; the test project's <c>ContinuousOracle</c> is the plain per-iteration twin it is tested against.
/// </summary>
public sealed class ContinuousEngine : ISimulationEngine
{
    /// <summary>The engine's name in configurations and on the command line.</summary>
    public const string EngineName = "continuous";

    /// <inheritdoc />
    public string Name => EngineName;

    /// <inheritdoc />
    public string Description => "iteration-level continuous batching (vllm, sarathi, orca, static) with a paged KV cache";

    /// <inheritdoc />
    public SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(config);
        var stopwatch = Stopwatch.StartNew();
        var run = new ContinuousRun(workload, config, recordTimeline);
        run.Execute();
        stopwatch.Stop();
        return new SimulationResult(run.ToMetrics(stopwatch.Elapsed.TotalSeconds), run.Timeline, null) { Continuous = run.Continuous };
    }

    /// <inheritdoc />
    public bool MeasuresTokenTimes => true;

    /// <inheritdoc />
    /// <remarks>Disaggregated settings keep their P:D ratio at the configuration's GPU count (<see cref="DisaggregationOptions.ScaledTo"/>).</remarks>
    public SimulationConfig? Adopt(SimulationConfig config, SimulationConfig settings, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        whyNot = null;
        var continuous = settings.Continuous;
        if (continuous.Disaggregation is { } pools)
        {
            if (pools.ScaledTo(config.Gpus) is not { } scaled)
            {
                whyNot = $"a disaggregated run needs at least {DisaggregationOptions.MinimumReplicas} GPUs (one prefill and one decode replica)";
                return null;
            }

            continuous = continuous with { Disaggregation = scaled };
        }

        return config with
        {
            Engine = EngineName,
            Continuous = continuous,
        };
    }

    /// <inheritdoc />
    public object? Settings(SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Continuous;
    }

    /// <inheritdoc />
    public (string Property, string Message)? PredictionsUnused(SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Continuous.UsesBins
            ? null
            : (
                "Continuous.Admission",
                $"a predictor sweep on the continuous engine needs --admission multi-bin (K bins by predicted output length); with {config.Continuous.Admission.Name} admission neither K nor the predictor changes the run"
            );
    }

    /// <inheritdoc />
    public void Validate(SimulationConfig config, Errors.ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        // Streaming metrics and workloads on this engine are a later slice of issue 22 (README, "Streaming runs").
        errors.Require(
            config.MetricsMode != Metrics.MetricsMode.Streaming,
            nameof(SimulationConfig.MetricsMode),
            "streaming metrics are not implemented on the continuous engine yet (its metrics are exact)"
        );
        errors.Nested(nameof(SimulationConfig.Continuous), continuous =>
        {
            config.Continuous.Validate(continuous, config.Scheduler.Memory);
            continuous.Require(
                config.Continuous.KvSeriesReplica is null || config.Continuous.KvSeriesReplica < config.Gpus,
                nameof(ContinuousOptions.KvSeriesReplica),
                $"must name a replica below {config.Gpus} (got {config.Continuous.KvSeriesReplica})"
            );
        });
        if (config.Continuous.Disaggregation is { } pools)
        {
            errors.Require(
                config.Gpus == pools.Replicas,
                nameof(SimulationConfig.Gpus),
                $"must equal the prefill replicas plus the decode replicas ({pools.PrefillReplicas} + {pools.DecodeReplicas} = {pools.Replicas}; got {config.Gpus})"
            );
        }
    }

    /// <inheritdoc />
    public void WriteRunJson(System.Text.Json.Utf8JsonWriter json, CompletedRun run)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(run);
        ContinuousRunReport.WriteJson(json, run);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Setting, string Value)> RunTableRows(CompletedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ContinuousRunReport.Rows(run);
    }

    /// <summary>Not the batch engine's batch and bin counts: one bin, and its "batches" are iterations.</summary>
    public bool ShowsInRunTable(Metrics.Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Name != Metrics.MetricCatalogue.NumBatches.Name
            && metric.Name != Metrics.MetricCatalogue.BinRequestCounts.Name
            && metric.Name != Metrics.MetricCatalogue.BinBatchCounts.Name;
    }
}
