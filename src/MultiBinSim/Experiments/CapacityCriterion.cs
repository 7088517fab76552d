using MultiBinSim.Errors;
using MultiBinSim.Metrics;

namespace MultiBinSim.Experiments;

/// <summary>
/// What "the configuration keeps up" means in a capacity search (<see cref="CapacitySearch"/>): a metric of a run and a
/// threshold it must meet. A new criterion is one factory here; the search itself does not change.
/// </summary>
/// <param name="Name">Short name for rows and messages, e.g. <c>sla_violation_rate&lt;=0.05</c>.</param>
/// <param name="Measure">The metric the criterion reads from a run.</param>
/// <param name="Threshold">The bound the metric must meet.</param>
/// <param name="HigherIsBetter">true: the run holds when <c>Measure &gt;= Threshold</c> (an attainment); false: when <c>Measure &lt;= Threshold</c> (a
/// violation rate).</param>
public sealed record CapacityCriterion(string Name, Func<RunMetrics, double> Measure, double Threshold, bool HigherIsBetter)
{
    /// <summary>Whether a run meets the criterion.</summary>
    public bool Holds(RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        double value = Measure(metrics);
        return HigherIsBetter ? value >= Threshold : value <= Threshold;
    }

    /// <summary>
    /// The request-level SLA (either engine): <c>sla_violation_rate</c> (E2E latency &gt; D_SLA) at most <paramref name="target"/>. The default of every
    /// capacity search.
    /// </summary>
    /// <exception cref="ConfigurationException"><paramref name="target"/> is outside [0, 1).</exception>
    public static CapacityCriterion RequestSla(double target = CapacitySearch.DefaultTarget)
    {
        if (target is < 0 or >= 1 || double.IsNaN(target))
        {
            throw new ConfigurationException("Target", $"must be in [0, 1) (got {target})");
        }

        return new($"{MetricCatalogue.SlaViolationRate.Name}<={target}", m => m.SlaViolationRate, target, HigherIsBetter: false);
    }

    /// <summary>
    /// The continuous engine's SLO attainment (<c>slo_attainment</c>: TTFT &lt;= SLO TTFT and TPOT &lt;= SLO TPOT, rejected
    /// requests failing) at least <paramref name="attainment"/>. A run without the metric (the batch engine) is a defect of the caller.
    /// </summary>
    /// <exception cref="ConfigurationException"><paramref name="attainment"/> is outside (0, 1].</exception>
    public static CapacityCriterion SloAttainment(double attainment = 0.9)
    {
        if (attainment is <= 0 or > 1 || double.IsNaN(attainment))
        {
            throw new ConfigurationException("Attainment", $"must be in (0, 1] (got {attainment})");
        }

        return new(
            $"{MetricCatalogue.SloAttainment.Name}>={attainment}",
            m => m.SloAttainment ?? throw new InvalidOperationException("slo_attainment is reported by the continuous engine only; this run has none."),
            attainment,
            HigherIsBetter: true
        );
    }

    /// <summary>
    /// The token-level SLA of the dynamic-batching paper (arXiv 2503.05248, Fig. 4 and Table II): the fraction of completed
    /// requests whose TPOT is within SLO TPOT (1 - <c>token_sla_violation_rate</c>) at least <paramref name="attainment"/>.
    /// Continuous engine only.
    /// </summary>
    /// <exception cref="ConfigurationException"><paramref name="attainment"/> is outside (0, 1].</exception>
    public static CapacityCriterion TokenSla(double attainment = 0.9)
    {
        if (attainment is <= 0 or > 1 || double.IsNaN(attainment))
        {
            throw new ConfigurationException("Attainment", $"must be in (0, 1] (got {attainment})");
        }

        return new(
            $"token_sla_attainment>={attainment}",
            m =>
                1
                - (
                    m.TokenSlaViolationRate
                    ?? throw new InvalidOperationException("token_sla_violation_rate is reported by the continuous engine only; this run has none.")
                ),
            attainment,
            HigherIsBetter: true
        );
    }
}
