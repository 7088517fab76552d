using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation;

/// <summary>
/// What observes a streamed run besides its metrics (monitors, not configuration: they change no number).
/// </summary>
/// <param name="Progress">Called every <see cref="RequestWindow.ProgressEvery"/> arrivals, on the run's thread; null = never.</param>
/// <param name="Requests">Takes each request's record as it leaves (<c>--requests-out</c>); null = none.</param>
public sealed record RunMonitors(Action<RunProgress>? Progress = null, IRequestRecorder? Requests = null)
{
    /// <summary>No monitors.</summary>
    public static RunMonitors None { get; } = new();
}
