using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>The request-level SLA (E2E &gt; D_SLA) and the token-level SLA (TPOT &gt; SLO TPOT) on the continuous engine.</summary>
public class SlaMetricsTests
{
    private static readonly ContinuousOptions QuarterSecond = new() { StepModel = Linear(0.25, 0, 0, 0), KvBlocks = 1000 };

    /// <summary>
    /// A (0, 4, 3): first token .25, TPOT .375, done 1.0; B (.3, 4, 2): first token .75, TPOT .25, done 1.0 (E2E .7);
    /// C (2, 4, 1): one output token, done 2.25 (E2E .25), TPOT holds vacuously.
    /// </summary>
    private static readonly MultiBinSim.Workloads.Workload Three = Requests((0, 4, 3), (0.3, 4, 2), (2, 4, 1));

    private static RunMetrics Run(double sloTpot, double dSla)
    {
        var config = Config(QuarterSecond with { SloTpot = sloTpot });
        config = config with { Scheduler = config.Scheduler with { DSla = dSla } };
        return SimulationEngines.Run(Three, config).Metrics;
    }

    [Theory]
    [InlineData(0.4, 0.0)]
    [InlineData(0.3, 1.0 / 3)] // A's .375 > .3
    [InlineData(0.2, 2.0 / 3)] // A and B; C's vacuous TPOT never violates
    public void Token_sla_violation_rate_is_over_completed_requests(double sloTpot, double expected)
    {
        Assert.Equal(expected, Run(sloTpot, 10).TokenSlaViolationRate!.Value, 12);
    }

    [Theory]
    [InlineData(2.0, 0.0)]
    [InlineData(0.8, 1.0 / 3)] // A's E2E 1.0
    [InlineData(0.5, 2.0 / 3)] // A and B (.7)
    public void Sla_violation_rate_is_reported_by_the_continuous_engine(double dSla, double expected)
    {
        var m = Run(1, dSla);
        Assert.Equal(expected, m.SlaViolationRate, 12);
        Assert.Equal(MetricCatalogue.SlaViolationRate.Read(m), m.SlaViolationRate);
    }

    [Fact]
    public void Token_sla_capacity_criterion_reads_one_minus_the_violation_rate()
    {
        var c = CapacityCriterion.TokenSla(0.9);
        Assert.True(c.Holds(new RunMetrics { TokenSlaViolationRate = 0.1 }));
        Assert.False(c.Holds(new RunMetrics { TokenSlaViolationRate = 0.1001 }));
        Assert.Throws<InvalidOperationException>(() => c.Holds(new RunMetrics()));
        Assert.Throws<Errors.ConfigurationException>(() => CapacityCriterion.TokenSla(0));
    }

    [Fact]
    public void The_batch_engine_leaves_the_token_sla_empty()
    {
        var m = SimulationEngines.Run(Three, new SimulationConfig()).Metrics;
        Assert.Null(m.TokenSlaViolationRate);
    }
}
