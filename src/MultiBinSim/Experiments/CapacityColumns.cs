using System.Globalization;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// The columns a continuous-engine capacity row adds to the result schema (as named extra columns, so that batch-engine
/// rows and files stay exactly as before): the engine, the criterion and its value at the capacity, and the capacity per
/// GPU (replica). Values are invariant round-trip text, as the store keeps any column it does not type.
/// </summary>
public static class CapacityColumns
{
    /// <summary>The engine that ran the search (<c>continuous</c>).</summary>
    public static string Engine => ConfigurationColumns.Engine.Name;

    /// <summary>The criterion's name, e.g. <c>slo_attainment&gt;=0.9</c> (<see cref="CapacityCriterion.Name"/>).</summary>
    public static string Criterion => ConfigurationColumns.CapacityCriterion.Name;

    /// <summary>The criterion's metric at the reported capacity (the SLO attainment).</summary>
    public static string CriterionValue => ConfigurationColumns.CapacityCriterionValue.Name;

    /// <summary>The capacity in requests per second (0 when no rate meets the criterion).</summary>
    public static string RequestsPerSec => Metrics.DerivedMetric.SearchedCapacity.Name;

    /// <summary>The capacity in requests per second divided by the GPU (replica) count.</summary>
    public static string RequestsPerSecPerGpu => Metrics.DerivedMetric.CapacityPerGpu.Name;

    /// <summary>Every column this class adds, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Engine, Criterion, CriterionValue, RequestsPerSec, RequestsPerSecPerGpu];

    /// <summary><paramref name="row"/> with the capacity columns of <paramref name="found"/> (null for a failed search: only engine and criterion).</summary>
    public static ResultRow Add(ResultRow row, SimulationConfig config, CapacityResult? found, CapacityCriterion? criterion = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(config);
        return row.WithExtra(
            (Engine, config.Engine),
            (Criterion, found?.Criterion ?? criterion?.Name),
            (CriterionValue, found is null ? null : Text(found.CriterionValue)),
            (RequestsPerSec, found is null ? null : Text(found.RateRequestsPerSec)),
            (RequestsPerSecPerGpu, found is null ? null : Text(PerGpu(found.RateRequestsPerSec, config.Gpus)))
        );
    }

    /// <summary>Requests per second per GPU.</summary>
    public static double PerGpu(double requestsPerSec, int gpus) =>
        gpus >= 1 ? requestsPerSec / gpus : throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "must be at least 1");

    /// <summary>
    /// The capacity of a stored row in requests per second: 0 when the search found no rate (<c>rps_scaling</c> 0), else <c>offered_load_requests_per_sec</c>.
    /// </summary>
    public static double? RequestsPerSecOf(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Get<double>(ConfigurationColumns.RpsScaling.Name) is not { } scaling)
        {
            return null;
        }

        return scaling > 0 ? row.Get<double>(Metrics.MetricCatalogue.OfferedLoadRequestsPerSec.Name) : 0;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
