using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Research;

public class CapacitySearchTests
{
    /// <summary>Evenly spaced arrivals (one per trace second) of equal requests: violation rate grows with the rate.</summary>
    private static Workload Steady(int n = 3_000) =>
        Workload.FromColumns(
            Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
            Enumerable.Repeat(200, n).ToArray(),
            Enumerable.Repeat(300, n).ToArray(),
            Enumerable.Repeat(300, n).ToArray()
        );

    private static SimulationConfig Config(SchedulerKind kind, int gpus) =>
        new()
        {
            Gpus = gpus,
            Scheduler = new SchedulerOptions { Scheduler = kind, K = 2 },
        };

    [Fact]
    public void The_found_multiplier_meets_the_target_and_the_next_step_up_does_not()
    {
        var w = Steady();
        var config = Config(SchedulerKind.StaticFifo, 1);
        var found = CapacitySearch.Find(w, config, target: 0.05, tolerance: 0.01);
        Assert.True(found.Achievable);
        Assert.True(found.SlaViolationRate <= 0.05);
        Assert.Equal(found.RpsScaling * (w.Count / (w.Arrivals[^1] - w.Arrivals[0])), found.RateRequestsPerSec, 9);
        // Within the tolerance: a little more load already breaks the target on this steady workload.
        var above = Simulator.Run(w.WithArrivalsCompressed(found.RpsScaling * 1.03), config, recordTimeline: false).Metrics;
        Assert.True(above.SlaViolationRate > 0.05, $"at {found.RpsScaling * 1.03}: {above.SlaViolationRate}");
        // A tighter tolerance only refines the answer.
        var finer = CapacitySearch.Find(w, config, target: 0.05, tolerance: 0.001);
        Assert.InRange(finer.RpsScaling, found.RpsScaling, found.RpsScaling * 1.011);
    }

    [Fact]
    public void Capacity_grows_with_gpus_and_with_a_looser_target()
    {
        var w = Steady();
        double previous = 0;
        foreach (int gpus in new[] { 1, 2, 4 })
        {
            double capacity = CapacitySearch.Find(w, Config(SchedulerKind.StaticFifo, gpus)).RateRequestsPerSec;
            Assert.True(capacity >= previous, $"{gpus} GPUs: {capacity} < {previous}");
            previous = capacity;
        }

        Assert.True(
            CapacitySearch.Find(w, Config(SchedulerKind.StaticFifo, 1), target: 0.5).RpsScaling
                >= CapacitySearch.Find(w, Config(SchedulerKind.StaticFifo, 1), target: 0.01).RpsScaling
        );
    }

    [Fact]
    public void An_unreachable_target_reports_no_capacity()
    {
        // Every request alone takes 0.015 + 0.0003 * 10,000 = 3 s > D_SLA = 1 s: no rate is low enough.
        var w = Workload.FromColumns([0, 1, 2], [5_000, 5_000, 5_000], [5_000, 5_000, 5_000], [1, 1, 1]);
        var found = CapacitySearch.Find(w, Config(SchedulerKind.StaticFifo, 1));
        Assert.False(found.Achievable);
        Assert.Equal(0, found.RateRequestsPerSec);
    }

    [Fact]
    public async Task The_sweep_stores_step_4_rows_and_a_capacity_chart_and_resumes()
    {
        using var tmp = new TempFiles();
        var options = new CapacitySweepOptions
        {
            Workload = new WorkloadOptions { Requests = 5_000 },
            Schedulers = [SchedulerKind.StaticFifo, SchedulerKind.MultiBinDynamic],
            Gpus = [1, 2],
            Ks = [2],
            OutputFolder = tmp.Folder,
            Parallelism = 2,
        };
        var rows = await CapacitySweep.RunAsync(options, charts: new Reporting.SuiteChartWriter());
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(SuiteStep.CapacitySearch, r.Step));
        Assert.All(rows, r => Assert.True(r.Get<double>("sla_violation_rate") <= 0.05));
        Assert.All(rows, r => Assert.True(r.Get<double>("rps_scaling") > 0));
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "charts", "capacity_vs_gpus.html")));
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "capacity_search.csv")));
        var log = new StringWriter();
        await CapacitySweep.RunAsync(options, new LineSuiteObserver(log));
        Assert.Contains("0 tests to run, 4 already stored (skipped)", log.ToString());
    }
}
