using MultiBinSim.Metrics;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>The largest arrival-rate multiplier a configuration sustains within its SLA target.</summary>
public sealed record CapacityResult(double RpsScaling, double RateRequestsPerSec, double SlaViolationRate, int Evaluations, bool Achievable, RunMetrics Metrics)
{
    /// <summary>The criterion's name (<see cref="CapacityCriterion.Name"/>).</summary>
    public string Criterion { get; init; } = "";

    /// <summary>The criterion's metric at the reported point (the violation rate, or the attainment).</summary>
    public double CriterionValue { get; init; }
}

/// <summary>
/// Finds a configuration's capacity: the largest RPS scaling s (arrival = trace time / s) at which the SLA violation
/// rate stays at or below a target (or, generally, a <see cref="CapacityCriterion"/> holds), by bracketing (doubling or halving s) and then bisecting on a log
/// scale until the
/// bracket is within a relative tolerance. Reports the sustained rate in requests per second. The violation rate need
/// not be monotone in s everywhere; the search returns a point where it crosses the target, at the tolerance.
/// This replaces the original simulator's heuristic capacity_threshold_lambda.
/// </summary>
public static class CapacitySearch
{
    public const double DefaultTarget = 0.05;
    public const double DefaultTolerance = 0.01;

    /// <summary>The default SLO attainment a continuous-engine capacity must keep (90 % of requests meet both SLOs).</summary>
    public const double DefaultAttainment = 0.9;
    private const double SmallestScaling = 1e-6;
    private const double LargestScaling = 1e9;

    /// <summary>The capacity under the request-level SLA: <c>sla_violation_rate &lt;= target</c> (<see cref="CapacityCriterion.RequestSla"/>).</summary>
    /// <param name="baseline">The workload at RPS scaling 1 (arrivals in trace seconds since the first request).</param>
    public static CapacityResult Find(
        Workload baseline,
        SimulationConfig config,
        double target = DefaultTarget,
        double tolerance = DefaultTolerance,
        double start = 1.0
    ) => Find(baseline, config, CapacityCriterion.RequestSla(target), tolerance, start);

    /// <summary>The capacity under any <paramref name="criterion"/> (an SLO attainment on the continuous engine, a token-level SLA, ...).</summary>
    /// <param name="baseline">The workload at RPS scaling 1 (arrivals in trace seconds since the first request).</param>
    public static CapacityResult Find(
        Workload baseline,
        SimulationConfig config,
        CapacityCriterion criterion,
        double tolerance = DefaultTolerance,
        double start = 1.0
    )
    {
        ArgumentNullException.ThrowIfNull(criterion);
        if (!(tolerance > 0))
        {
            throw new Errors.ConfigurationException("Tolerance", $"must be > 0 (got {tolerance})");
        }

        int evaluations = 0;
        RunMetrics Evaluate(double scaling)
        {
            evaluations++;
            return SimulationEngines.Run(baseline.WithArrivalsCompressed(scaling), config, recordTimeline: false).Metrics;
        }

        double lo,
            hi;
        var at = Evaluate(start);
        RunMetrics best;
        if (criterion.Holds(at))
        {
            (lo, best, hi) = (start, at, start * 2);
            while (hi < LargestScaling && Evaluate(hi) is var m && criterion.Holds(m))
            {
                (lo, best, hi) = (hi, m, hi * 2);
            }
        }
        else
        {
            hi = start;
            lo = start / 2;
            RunMetrics? found = null;
            while (lo > SmallestScaling && !criterion.Holds(found = Evaluate(lo)))
            {
                (hi, lo) = (lo, lo / 2);
            }

            if (lo <= SmallestScaling)
            {
                var last = found ?? at;
                return new CapacityResult(0, 0, last.SlaViolationRate, evaluations, false, last)
                {
                    Criterion = criterion.Name,
                    CriterionValue = criterion.Measure(last),
                };
            }

            best = found!;
        }

        while (hi / lo - 1 > tolerance)
        {
            double mid = Math.Sqrt(lo * hi);
            var m = Evaluate(mid);
            if (criterion.Holds(m))
            {
                (lo, best) = (mid, m);
            }
            else
            {
                hi = mid;
            }
        }

        return new CapacityResult(lo, best.OfferedLoadRequestsPerSec, best.SlaViolationRate, evaluations, true, best)
        {
            Criterion = criterion.Name,
            CriterionValue = criterion.Measure(best),
        };
    }
}
