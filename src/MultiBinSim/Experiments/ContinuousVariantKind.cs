using System.Collections.Concurrent;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Experiments;

/// <summary>
/// A label-only scheduler descriptor for a continuous-engine configuration in a planned test: the continuous engine
/// reads its options from <see cref="Simulation.SimulationConfig.Continuous"/> and never creates a batch policy, but
/// planned tests (<see cref="SuiteTest"/>), rows (<c>scheduler_type</c>), progress lines and charts name a
/// configuration by its scheduler. One descriptor per label, so equal labels are the same object.
/// </summary>
public static class ContinuousVariantKind
{
    private static readonly ConcurrentDictionary<string, SchedulerKind> Kinds = new(StringComparer.Ordinal);

    /// <summary>
    /// The descriptor labelled <paramref name="label"/> (e.g. <c>vllm</c>, <c>vllm+multi-bin</c>); <paramref name="binned"/>
    /// when the configuration admits by bins (multi-bin admission: its tests carry K and bin boundaries). Creating a
    /// batch policy from it is a defect.
    /// </summary>
    public static SchedulerKind For(string label, bool binned = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        return Kinds.GetOrAdd(label, name => new SchedulerKind(
            name,
            $"continuous-engine configuration '{name}' (options in SimulationConfig.Continuous)",
            isBinned: binned,
            [],
            (_, _, _) => throw new InvalidOperationException($"'{name}' labels a continuous-engine configuration; it has no batch policy.")
        ));
    }
}
