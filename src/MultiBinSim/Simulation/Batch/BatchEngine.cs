using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Batch;

/// <summary>
/// The seed simulator's model: a GPU runs one batch to completion at a time (service time from the latency model);
/// the event loop is <see cref="Simulator"/>.
/// </summary>
public sealed class BatchEngine : ISimulationEngine
{
    public const string EngineName = "batch";

    public string Name => EngineName;

    public string Description => "run-to-completion batches (the seed simulator's model)";

    public SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline) => Simulator.Run(workload, config, recordTimeline);

    /// <inheritdoc />
    public SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline, RunMonitors monitors) =>
        Simulator.Run(workload, config, recordTimeline, monitors?.Progress);

    /// <inheritdoc />
    public bool RunsStreams => true;

    /// <inheritdoc />
    public SimulationResult RunStreamed(WorkloadStream stream, SimulationConfig config, RunMonitors monitors) => Simulator.Run(stream, config, out _, monitors);

    /// <inheritdoc />
    public bool MeasuresTokenTimes => false;

    /// <inheritdoc />
    public SimulationConfig? Adopt(SimulationConfig config, SimulationConfig settings, out string? whyNot)
    {
        whyNot = null;
        return config;
    }

    /// <inheritdoc />
    public object? Settings(SimulationConfig config) => null;

    /// <inheritdoc />
    public (string Property, string Message)? PredictionsUnused(SimulationConfig config) => null;

    /// <inheritdoc />
    public void Validate(SimulationConfig config, Errors.ValidationErrors errors)
    {
        // The batch engine's settings are the shared ones (scheduler, latency model).
    }

    /// <inheritdoc />
    public void WriteRunJson(System.Text.Json.Utf8JsonWriter json, CompletedRun run)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(run);
        BatchRunReport.WriteJson(json, run);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Setting, string Value)> RunTableRows(CompletedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return BatchRunReport.Rows(run);
    }

    /// <inheritdoc />
    public bool ShowsInRunTable(Metrics.Metric metric) => true;
}
