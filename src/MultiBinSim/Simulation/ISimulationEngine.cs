using System.Text.Json;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation;

/// <summary>
/// A simulation engine: a pure function from (workload, configuration) to a result. Engines are registered in
/// <see cref="SimulationEngines"/> and selected by <see cref="SimulationConfig.Engine"/>.
/// </summary>
public interface ISimulationEngine
{
    /// <summary>The name used in configurations, result rows and on the command line ("batch", "continuous").</summary>
    string Name { get; }

    /// <summary>One line for help texts and documentation.</summary>
    string Description { get; }

    /// <param name="workload">The requests (never modified).</param>
    /// <param name="config">The validated run configuration.</param>
    /// <param name="recordTimeline">Keep per-request times; sweeps that only need the metrics row turn it off.</param>
    SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline);

    /// <summary>
    /// <see cref="Run(Workload, SimulationConfig, bool)"/> reporting its progress to <paramref name="monitors"/>
    /// (<see cref="RunMonitors.Progress"/> every <see cref="Workloads.RequestWindow.ProgressEvery"/> arrivals; an
    /// in-memory run keeps its timeline, so <see cref="RunMonitors.Requests"/> is not called). An engine without
    /// progress reports runs silently.
    /// </summary>
    SimulationResult Run(Workload workload, SimulationConfig config, bool recordTimeline, RunMonitors monitors) => Run(workload, config, recordTimeline);

    /// <summary>
    /// Whether the engine runs a streamed workload in bounded memory (<see cref="RunStreamed"/>); the batch engine does,
    /// the continuous engine is a later slice of issue 22.
    /// </summary>
    bool RunsStreams => false;

    /// <summary>The run over a streamed workload (only when <see cref="RunsStreams"/>); no timeline.</summary>
    /// <param name="stream">The requests, read once.</param>
    /// <param name="config">The run's configuration.</param>
    /// <param name="monitors">Progress and per-request records (<see cref="RunMonitors"/>).</param>
    SimulationResult RunStreamed(Workloads.WorkloadStream stream, SimulationConfig config, RunMonitors monitors) =>
        throw new NotSupportedException($"The {Name} engine does not run streamed workloads.");

    /// <summary>Whether runs report time to first token and per output token, so capacity is judged by SLO attainment (else by the request SLA).</summary>
    bool MeasuresTokenTimes { get; }

    /// <summary>
    /// <paramref name="config"/> run on this engine, with this engine's own settings taken from
    /// <paramref name="settings"/> (the batch engine has none beyond the shared configuration), or null with the reason in
    /// <paramref name="whyNot"/> when the settings cannot run at <paramref name="config"/>'s size (a disaggregated
    /// continuous run on one GPU).
    /// </summary>
    SimulationConfig? Adopt(SimulationConfig config, SimulationConfig settings, out string? whyNot);

    /// <summary>The engine's own settings a stored row is tagged with (a fingerprint of them), or null: rows untagged.</summary>
    object? Settings(SimulationConfig config);

    /// <summary>Why the predictions (and K) cannot affect a run of <paramref name="config"/> (a property and a message), or null when they can.</summary>
    (string Property, string Message)? PredictionsUnused(SimulationConfig config);

    /// <summary>
    /// Adds the engine's own invalid values of <paramref name="config"/> to <paramref name="errors"/> (the shared ones are checked by
    /// <see cref="SimulationConfig.Validate(Errors.ValidationErrors)"/>).
    /// </summary>
    void Validate(SimulationConfig config, Errors.ValidationErrors errors);

    /// <summary>
    /// Writes the configuration keys of <paramref name="run"/>'s JSON (<c>mbsim run --json</c>), between the dataset
    /// keys and the metrics: this engine's settings, then <see cref="CompletedRun.WriteWorkloadKeys"/> where it puts them.
    /// </summary>
    void WriteRunJson(Utf8JsonWriter json, CompletedRun run);

    /// <summary>
    /// The configuration rows of <paramref name="run"/>'s table (<c>mbsim run</c>), after dataset, requests and arrivals: (setting, plain-text value).
    /// </summary>
    IReadOnlyList<(string Setting, string Value)> RunTableRows(CompletedRun run);

    /// <summary>Whether the run table shows <paramref name="metric"/> when this engine reports a value for it.</summary>
    bool ShowsInRunTable(Metrics.Metric metric);
}
