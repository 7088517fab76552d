using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous;

/// <summary>The notebook helpers compute TTFT and TPOT samples exactly as the run's own metrics define them.</summary>
public class ContinuousChartsTests
{
    [Fact]
    public void Samples_average_to_the_runs_own_ttft_and_tpot_and_the_table_reads_the_catalogue()
    {
        var outcome = SingleRun.Execute(
            new RunSpec
            {
                Workload = new WorkloadOptions { Requests = 3_000, RpsScaling = 16 },
                Simulation = new SimulationConfig
                {
                    Engine = ContinuousEngine.EngineName,
                    Gpus = 2,
                    Continuous = new ContinuousOptions { KvSeriesReplica = 1 },
                },
            }
        );
        var metrics = outcome.Result.Metrics;
        var timeline = outcome.Result.Continuous!;
        var ttft = ContinuousCharts.TimeToFirstToken(outcome.Workload, timeline);
        var tpot = ContinuousCharts.TimePerOutputToken(outcome.Workload, timeline);
        Assert.Equal(metrics.AvgTtft!.Value, ttft.Average(), 9);
        Assert.Equal(metrics.AvgTpot!.Value, tpot.Average(), 9);
        Assert.NotEmpty(timeline.KvSeries);
        Assert.Equal(1, timeline.KvSeriesReplica);

        var table = ContinuousCharts.Compare([("a", metrics)], [MetricCatalogue.P90Ttft, MetricCatalogue.SloAttainment]);
        Assert.Equal(["run", "p90_ttft", "slo_attainment"], table.Columns.Select(c => c.Name).ToArray());
        Assert.Equal(metrics.P90Ttft, (double?)table.Columns["p90_ttft"][0]);
        Assert.Null(ContinuousCharts.Compare([("batch", new RunMetrics())], [MetricCatalogue.AvgTtft]).Columns["avg_ttft"][0]);
    }
}
