using MultiBinSim.Latency;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation;

/// <summary>Everything one run needs besides the workload.</summary>
public sealed record SimulationConfig
{
    public const int MaxGpus = 100_000;

    /// <summary>The engine that runs this configuration (see <see cref="SimulationEngines"/>).</summary>
    public string Engine { get; init; } = BatchEngine.EngineName;

    public int Gpus { get; init; } = 1;

    public SchedulerOptions Scheduler { get; init; } = new();

    public LatencyModel Latency { get; init; } = LatencyModel.Default;

    /// <summary>Precomputed bin boundaries (the suite caches them); null = compute from the workload's predictions.</summary>
    public BinBoundaries? Boundaries { get; init; }

    /// <summary>Options of the continuous-batching engine (validated only when <see cref="Engine"/> is <c>continuous</c>).</summary>
    public Continuous.ContinuousOptions Continuous { get; init; } = new();

    public void Validate()
    {
        if (Gpus is < 1 or > MaxGpus)
        {
            throw new ArgumentException($"--gpus must be between 1 and {MaxGpus} (got {Gpus}).");
        }

        Scheduler.Validate();
        if (!(Latency.Alpha >= 0) || !(Latency.Beta >= 0) || !(Latency.Gamma >= 0))
        {
            throw new ArgumentException($"Latency model parameters must be >= 0 ({Latency}).");
        }

        if (Engine == MultiBinSim.Simulation.Continuous.ContinuousEngine.EngineName)
        {
            var errors = new Errors.ValidationErrors(nameof(Continuous));
            Continuous.Validate(errors, Scheduler.Memory);
            errors.Require(Continuous.KvSeriesReplica is null || Continuous.KvSeriesReplica < Gpus, nameof(Continuous.KvSeriesReplica), $"must name a replica below {Gpus} (got {Continuous.KvSeriesReplica})");
            errors.ThrowIfAny();
        }
    }
}
