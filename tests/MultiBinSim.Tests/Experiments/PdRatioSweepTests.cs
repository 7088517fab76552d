using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous;
using MultiBinSim.Workloads;
using Plotly.NET;

namespace MultiBinSim.Tests.Experiments;

/// <summary>The P:D sweep (<see cref="PdRatioSweep"/>): its rows are the runs they name, the best split is the argmax.</summary>
public class PdRatioSweepTests
{
    private static Workload Requests(int n, double gap, int seed)
    {
        var random = new Random(seed);
        var prompts = Enumerable.Range(0, n).Select(_ => random.Next(50, 2000)).ToArray();
        var outputs = Enumerable.Range(0, n).Select(_ => random.Next(2, 400)).ToArray();
        return Workload.FromColumns(Enumerable.Range(0, n).Select(i => i * gap).ToArray(), prompts, outputs, outputs);
    }

    private static SimulationConfig Config(DisaggregationOptions? template = null) =>
        ContinuousScenario.Config(
            new ContinuousOptions
            {
                StepModel = ContinuousScenario.Linear(0.010, 0.0002, 3e-5, 1e-7),
                KvBlocks = 2_000,
                SloTtft = 0.5,
                SloTpot = 0.05,
                Disaggregation = template,
            }
        );

    /// <summary>Every metric but the wall-clock execution time.</summary>
    private static string Json(RunMetrics metrics) => System.Text.Json.JsonSerializer.Serialize(metrics with { ExecutionTimeSeconds = 0 });

    [Fact]
    public void Every_row_is_the_run_it_names_and_the_best_split_is_the_argmax()
    {
        var workload = Requests(600, 0.02, 3);
        var template = new DisaggregationOptions { KvTransferGbps = 5, DecodeMaxNumSeqs = 64 };

        var result = PdRatioSweep.Run(workload, null, Config(template), gpus: 5);

        Assert.Equal(["colocated", "1:4", "2:3", "3:2", "4:1"], result.Points.Select(p => p.Layout));
        var colocated = SimulationEngines.Run(workload, Config() with { Gpus = 5 }, recordTimeline: false).Metrics;
        Assert.Equal(Json(colocated), Json(result.Colocated.Metrics));
        foreach (var split in result.Splits)
        {
            var pools = template with { PrefillReplicas = split.PrefillReplicas!.Value, DecodeReplicas = split.DecodeReplicas!.Value };
            var direct = SimulationEngines.Run(workload, Config(pools) with { Gpus = 5 }, recordTimeline: false).Metrics;
            Assert.Equal(Json(direct), Json(split.Metrics));
            Assert.Equal(5, split.PrefillReplicas + split.DecodeReplicas);
        }

        // Without a capacity search the goodput per GPU at the load decides; ties go to fewer prefill replicas.
        double top = result.Splits.Max(s => s.Metrics.GoodputPerGpu!.Value);
        Assert.Equal(result.Splits.First(s => s.Metrics.GoodputPerGpu == top), result.Best);
        Assert.Contains($"{result.Best.PrefillReplicas} prefill + {result.Best.DecodeReplicas} decode replicas", result.Finding);
        var frame = result.ToFrame();
        Assert.Equal(5, frame.Rows.Count);
        Assert.Equal(1, Enumerable.Range(0, 5).Count(i => (bool)frame.Columns["best"][i]));
        Assert.Equal(-1, frame.Columns.IndexOf("capacity_per_gpu"));
    }

    /// <summary>
    /// The capacity search per layout is <see cref="CapacitySearch.Find(Workload, SimulationConfig, CapacityCriterion, double, double)"/>
    /// of that layout; the capacity per GPU is it over G, and it decides the best split.
    /// </summary>
    [Fact]
    public void The_capacity_per_gpu_is_the_layouts_own_search_over_g()
    {
        var unscaled = Requests(400, 0.05, 4);
        var criterion = CapacityCriterion.SloAttainment(0.9);

        var result = PdRatioSweep.Run(unscaled, unscaled, Config(), gpus: 3, criterion);

        foreach (var point in result.Points)
        {
            var layout = point.PrefillReplicas is { } p
                ? Config(new DisaggregationOptions { PrefillReplicas = p, DecodeReplicas = 3 - p }) with
                {
                    Gpus = 3,
                }
                : Config() with
                {
                    Gpus = 3,
                };
            double rate = CapacitySearch.Find(unscaled, layout, criterion).RateRequestsPerSec;
            Assert.Equal(rate, point.CapacityRequestsPerSec);
            Assert.Equal(rate / 3, point.CapacityPerGpu!.Value, 12);
        }

        Assert.Equal(result.Splits.Max(s => s.CapacityPerGpu), result.Best.CapacityPerGpu);
        Assert.Equal("capacity per GPU (slo_attainment>=0.9)", result.Criterion);
        Assert.NotEqual(-1, result.ToFrame().Columns.IndexOf("capacity_per_gpu"));
    }

    /// <summary>SLOs no run can meet (TTFT within 1 microsecond): every capacity is 0 and the finding says so, without naming ties.</summary>
    [Fact]
    public void A_criterion_no_layout_meets_is_said_in_words()
    {
        var unscaled = Requests(100, 0.05, 6);
        var config = Config() with { Continuous = Config().Continuous with { SloTtft = 1e-6 } };

        var result = PdRatioSweep.Run(unscaled, unscaled, config, gpus: 3, CapacityCriterion.SloAttainment(0.9));

        Assert.All(result.Points, p => Assert.Equal(0.0, p.CapacityRequestsPerSec));
        Assert.Empty(result.TiedWithBest);
        Assert.StartsWith("No split of 3 GPUs meets slo_attainment>=0.9 at any arrival rate; neither does colocated serving.", result.Finding);
    }

    [Fact]
    public void The_sweep_runs_the_continuous_engine_on_at_least_two_gpus()
    {
        var workload = Requests(10, 0.1, 1);
        Assert.Contains(
            "Gpus",
            Assert.Throws<ConfigurationException>(() => PdRatioSweep.Run(workload, null, Config(), gpus: 1)).Errors.Select(e => e.Property)
        );
        Assert.Contains(
            "Engine",
            Assert.Throws<ConfigurationException>(() => PdRatioSweep.Run(workload, null, new SimulationConfig(), gpus: 4)).Errors.Select(e => e.Property)
        );
        var orca = Config() with { Continuous = Config().Continuous with { Policy = ContinuousPolicy.Orca } };
        Assert.Contains(
            "Continuous.Policy",
            Assert.Throws<ConfigurationException>(() => PdRatioSweep.Run(workload, null, orca, gpus: 2)).Errors.Select(e => e.Property)
        );
    }

    /// <summary>The chart: one solid line and one dotted colocated reference per measure in one colour, the best split starred, y from zero.</summary>
    [Fact]
    public void The_chart_pairs_each_measure_with_its_colocated_reference()
    {
        var unscaled = Requests(200, 0.05, 5);
        var result = PdRatioSweep.Run(unscaled, unscaled, Config(), gpus: 4, CapacityCriterion.SloAttainment(0.9));

        var chart = PdRatioChart.Create(result, 200);

        string json = GenericChart.toChartHTML(chart);
        Assert.Contains("capacity per GPU (slo_attainment>=0.9)", json);
        Assert.Contains("colocated, 4 replicas", json);
        Assert.Contains($"best split {result.Best.Layout}", json);
        Assert.Contains("\"rangemode\":\"tozero\"", json);
        Assert.Contains("\"ticktext\":[\"1:3\",\"2:2\",\"3:1\"]", json);
        var traces = GenericChart.getTraces(chart).ToArray();
        Assert.Equal(5, traces.Length); // 2 measures x (splits + colocated) + the star
    }
}
