using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Research;

public class CapacityCriterionTests
{
    [Fact]
    public void A_violation_rate_holds_at_or_below_its_target_and_an_attainment_at_or_above_it()
    {
        var sla = CapacityCriterion.RequestSla(0.05);
        Assert.True(sla.Holds(new RunMetrics { SlaViolationRate = 0.05 }));
        Assert.False(sla.Holds(new RunMetrics { SlaViolationRate = 0.0500001 }));
        var slo = CapacityCriterion.SloAttainment(0.9);
        Assert.True(slo.Holds(new RunMetrics { SloAttainment = 0.9 }));
        Assert.False(slo.Holds(new RunMetrics { SloAttainment = 0.8999 }));
        Assert.Throws<InvalidOperationException>(() => slo.Holds(new RunMetrics { SloAttainment = null }));
        Assert.Equal("Attainment", Assert.Throws<ConfigurationException>(() => CapacityCriterion.SloAttainment(0)).Errors[0].Property);
        Assert.Equal("Target", Assert.Throws<ConfigurationException>(() => CapacityCriterion.RequestSla(1)).Errors[0].Property);
    }

    /// <summary>
    /// One replica serving one sequence at a time (max_num_seqs 1), each iteration 10 ms, 10 output tokens per request:
    /// a request holds the replica for S = 10 iterations = 0.1 s. Arrivals every a seconds: request i waits about
    /// i (S - a), so its TTFT is i (S - a) + 10 ms. With a TTFT SLO of 0.5 s, 90 % of 200 requests attain it while
    /// 179 (S - a) &lt;= 0.49, i.e. a &gt;= 0.09726 s: the capacity is between 1 / S = 10 and 10.28 requests per second.
    /// </summary>
    [Fact]
    public void The_slo_attainment_capacity_of_a_serial_replica_matches_its_closed_form()
    {
        const int n = 200;
        var workload = Workload.FromColumns(
            Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
            Enumerable.Repeat(16, n).ToArray(),
            Enumerable.Repeat(10, n).ToArray(),
            Enumerable.Repeat(10, n).ToArray()
        );
        var config = ContinuousScenario.Config(
            new ContinuousOptions
            {
                StepModel = ContinuousScenario.Linear(0.01, 0, 0, 0),
                MaxNumSeqs = 1,
                KvBlocks = 1_000,
                SloTtft = 0.5,
                SloTpot = 0.1,
            }
        );
        var criterion = CapacityCriterion.SloAttainment(0.9);

        var found = CapacitySearch.Find(workload, config, criterion, tolerance: 0.005);

        Assert.True(found.Achievable);
        Assert.InRange(found.RpsScaling, 10 * 0.99, 1 / (0.1 - 0.49 / 179) * 1.01);
        Assert.True(found.CriterionValue >= 0.9);
        Assert.Equal(criterion.Name, found.Criterion);
        var above = SimulationEngines.Run(workload.WithArrivalsCompressed(found.RpsScaling * 1.02), config, recordTimeline: false).Metrics;
        Assert.False(criterion.Holds(above), $"at {found.RpsScaling * 1.02}: attainment {above.SloAttainment}");
    }
}
