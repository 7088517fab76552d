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
        var rows = Enumerable.Range(0, (int)sweep.Rows.Count)
            .Select(i => (Predictor: (string)sweep.Columns["predictor"][i], K: (int)sweep.Columns["k_bins"][i], Capacity: (double)sweep.Columns["capacity_qps_under_sla"][i], Gain: (double?)sweep.Columns["gain_vs_one_bin"][i]))
            .ToArray();
        // With one bin the prediction is never looked at: every predictor gives the same run.
        Assert.Single(rows.Where(r => r.K == 1).Select(r => r.Capacity).Distinct());
        Assert.All(rows.Where(r => r.K == 1), r => Assert.Equal(1.0, r.Gain));
        // The gain column is capacity relative to K = 1 of the same predictor.
        var oracleOne = rows.Single(r => r.Predictor == "oracle" && r.K == 1).Capacity;
        Assert.All(rows.Where(r => r.Predictor == "oracle"), r => Assert.Equal(r.Capacity / oracleOne, r.Gain!.Value, 12));
        // Noise changes which bin requests land in, so noisy predictors give different runs for K > 1.
        Assert.NotEqual(rows.Single(r => r.Predictor == "oracle" && r.K == 8).Capacity, rows.Single(r => r.Predictor == "noisy-oracle sigma=1" && r.K == 8).Capacity);
    }

    [Fact]
    public void A_scheduler_without_bins_is_refused()
    {
        var e = Assert.Throws<Errors.ConfigurationException>(() => PredictorSweep.Run(SyntheticBurstGpt.Generate(100), 100, scheduler: SchedulerKind.StaticFifo));
        Assert.Equal("Scheduler", Assert.Single(e.Errors).Property);
    }
}
