using MultiBinSim.Metrics;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Experiments;

/// <summary>The largest arrival-rate multiplier a configuration sustains within its SLA target.</summary>
public sealed record CapacityResult(double RpsScaling, double RateRequestsPerSec, double SlaViolationRate, int Evaluations, bool Achievable, RunMetrics Metrics);

/// <summary>
/// Finds a configuration's capacity: the largest RPS scaling s (arrival = trace time / s) at which the SLA violation
/// rate stays at or below a target, by bracketing (doubling or halving s) and then bisecting on a log scale until the
/// bracket is within a relative tolerance. Reports the sustained rate in requests per second. The violation rate need
/// not be monotone in s everywhere; the search returns a point where it crosses the target, at the tolerance.
/// This replaces the original simulator's heuristic capacity_threshold_lambda.
/// </summary>
public static class CapacitySearch
{
    public const double DefaultTarget = 0.05;
    public const double DefaultTolerance = 0.01;
    private const double SmallestScaling = 1e-6;
    private const double LargestScaling = 1e9;

    /// <param name="baseline">The workload at RPS scaling 1 (arrivals in trace seconds since the first request).</param>
    public static CapacityResult Find(Workload baseline, SimulationConfig config, double target = DefaultTarget, double tolerance = DefaultTolerance, double start = 1.0)
    {
        if (target is < 0 or >= 1)
        {
            throw new Errors.ConfigurationException("Target", $"must be in [0, 1) (got {target})");
        }

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

        double lo, hi;
        var at = Evaluate(start);
        RunMetrics best;
        if (at.SlaViolationRate <= target)
        {
            (lo, best, hi) = (start, at, start * 2);
            while (hi < LargestScaling && Evaluate(hi) is var m && m.SlaViolationRate <= target)
            {
                (lo, best, hi) = (hi, m, hi * 2);
            }
        }
        else
        {
            hi = start;
            lo = start / 2;
            RunMetrics? found = null;
            while (lo > SmallestScaling && (found = Evaluate(lo)).SlaViolationRate > target)
            {
                (hi, lo) = (lo, lo / 2);
            }

            if (lo <= SmallestScaling)
            {
                return new CapacityResult(0, 0, found?.SlaViolationRate ?? at.SlaViolationRate, evaluations, false, found ?? at);
            }

            best = found!;
        }

        while (hi / lo - 1 > tolerance)
        {
            double mid = Math.Sqrt(lo * hi);
            var m = Evaluate(mid);
            if (m.SlaViolationRate <= target)
            {
                (lo, best) = (mid, m);
            }
            else
            {
                hi = mid;
            }
        }

        return new CapacityResult(lo, best.OfferedLoadRequestsPerSec, best.SlaViolationRate, evaluations, true, best);
    }
}
