using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Research;

public class PredictorSweepTests
{
    [Fact]
    public void Every_predictor_is_run_for_every_k_and_one_bin_is_the_common_baseline()
    {
        var trace = SyntheticBurstGpt.Generate(20_000);
        var sweep = PredictorSweep.Run(trace, 20_000, gpus: 4);
        Assert.Equal(PredictorVariant.Defaults.Count * PredictorSweep.DefaultKs.Count, (int)sweep.Rows.Count);
        var rows = Enumerable
            .Range(0, (int)sweep.Rows.Count)
            .Select(i =>
                (
                    Predictor: (string)sweep.Columns["predictor"][i],
                    K: (int)sweep.Columns["k_bins"][i],
                    Capacity: (double)sweep.Columns["capacity_qps_under_sla"][i],
                    Gain: (double?)sweep.Columns["gain_vs_one_bin"][i]
                )
            )
            .ToArray();
        // With one bin the prediction is never looked at: every predictor gives the same run.
        Assert.Single(rows.Where(r => r.K == 1).Select(r => r.Capacity).Distinct());
        Assert.All(rows.Where(r => r.K == 1), r => Assert.Equal(1.0, r.Gain));
        // The gain column is capacity relative to K = 1 of the same predictor.
        var oracleOne = rows.Single(r => r.Predictor == "oracle" && r.K == 1).Capacity;
        Assert.All(rows.Where(r => r.Predictor == "oracle"), r => Assert.Equal(r.Capacity / oracleOne, r.Gain!.Value, 12));
        // Noise changes which bin requests land in, so noisy predictors give different runs for K > 1.
        Assert.NotEqual(
            rows.Single(r => r.Predictor == "oracle" && r.K == 8).Capacity,
            rows.Single(r => r.Predictor == "noisy-oracle sigma=1" && r.K == 8).Capacity
        );
    }

    [Fact]
    public void Gains_are_also_given_against_one_common_baseline_beside_the_absolute_capacity()
    {
        var trace = SyntheticBurstGpt.Generate(20_000);
        var sweep = PredictorSweep.Run(trace, 20_000, gpus: 4, ks: [1, 4]);
        int n = (int)sweep.Rows.Count;
        double Value(string column, int i) => Convert.ToDouble(sweep.Columns[column][i], System.Globalization.CultureInfo.InvariantCulture);
        // The common baseline is the first predictor's (the oracle's) K = 1 run...
        double common = Enumerable
            .Range(0, n)
            .Where(i => (string)sweep.Columns["predictor"][i] == "oracle" && (int)sweep.Columns["k_bins"][i] == 1)
            .Select(i => Value("capacity_qps_under_sla", i))
            .Single();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(common, Value("baseline_capacity_qps_under_sla", i));
            Assert.Equal(Value("capacity_qps_under_sla", i) / common, Value("gain_vs_common_baseline", i), 12);
            // ...and since K = 1 never reads a prediction, each predictor's own K = 1 run is that same run: the gains agree,
            // so a larger gain is a larger absolute capacity, never an artefact of a different baseline.
            Assert.Equal(Value("gain_vs_common_baseline", i), Value("gain_vs_one_bin", i), 12);
        }
    }

    [Fact]
    public void A_capacity_criterion_adds_a_searched_capacity_per_point()
    {
        var trace = SyntheticBurstGpt.Generate(4_000);
        PredictorVariant[] variants = [new("oracle", "oracle"), new("prompt-power-law", "prompt-power-law")];
        var sweep = PredictorSweep.Run(trace, 4_000, gpus: 2, variants: variants, ks: [1, 4], capacity: CapacityCriterion.RequestSla(0.05));
        var rows = Enumerable
            .Range(0, (int)sweep.Rows.Count)
            .Select(i =>
                (
                    Predictor: (string)sweep.Columns["predictor"][i],
                    K: (int)sweep.Columns["k_bins"][i],
                    Capacity: (double)sweep.Columns["capacity_requests_per_sec"][i],
                    Gain: (double)sweep.Columns["capacity_gain_vs_common_baseline"][i]
                )
            )
            .ToArray();
        Assert.All(rows, r => Assert.True(r.Capacity > 0, $"{r.Predictor} K={r.K}"));
        Assert.Single(rows.Where(r => r.K == 1).Select(r => r.Capacity).Distinct());
        double common = rows.First(r => r.K == 1).Capacity;
        Assert.All(rows, r => Assert.Equal(r.Capacity / common, r.Gain, 12));
        // The searched capacity meets the target where it is found.
        var config = new MultiBinSim.Simulation.SimulationConfig
        {
            Gpus = 2,
            Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 4 },
        };
        var oracle = WorkloadBuilder.Build(
            trace,
            new WorkloadOptions
            {
                Requests = 4_000,
                RpsScaling = 1.0,
                Predictor = "oracle",
            }
        );
        Assert.Equal(CapacitySearch.Find(oracle, config, 0.05).RateRequestsPerSec, rows.Single(r => r.Predictor == "oracle" && r.K == 4).Capacity);
    }

    [Fact]
    public void A_scheduler_without_bins_is_refused()
    {
        var e = Assert.Throws<Errors.ConfigurationException>(() =>
            PredictorSweep.Run(SyntheticBurstGpt.Generate(100), 100, scheduler: SchedulerKind.StaticFifo)
        );
        Assert.Equal("Scheduler", Assert.Single(e.Errors).Property);
    }

    [Fact]
    public void The_continuous_engine_needs_multi_bin_admission_and_then_k_changes_the_run()
    {
        var trace = SyntheticBurstGpt.Generate(3_000);
        var continuous = new MultiBinSim.Simulation.SimulationConfig { Engine = MultiBinSim.Simulation.Continuous.ContinuousEngine.EngineName };
        var e = Assert.Throws<Errors.ConfigurationException>(() => PredictorSweep.Run(trace, 3_000, gpus: 2, baseConfig: continuous));
        Assert.Equal("Continuous.Admission", Assert.Single(e.Errors).Property);

        var multiBin = continuous with
        {
            Continuous = continuous.Continuous with { Admission = MultiBinSim.Simulation.Continuous.ContinuousAdmission.MultiBin },
        };
        var sweep = PredictorSweep.Run(trace, 3_000, gpus: 2, baseConfig: multiBin, variants: [PredictorVariant.Defaults[0]], ks: [1, 8]);
        Assert.NotEqual(sweep.Columns["capacity_qps_under_sla"][0], sweep.Columns["capacity_qps_under_sla"][1]);
    }
}
