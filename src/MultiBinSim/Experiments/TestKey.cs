using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MultiBinSim.Simulation;

namespace MultiBinSim.Experiments;

/// <summary>
/// A stable hash of the step and of everything that determines a test's numbers: dataset content, predictor, seed, arrivals, SLA,
/// scheduler and all its parameters, bin boundaries, latency model, N and the code's semantics version.
/// Equal keys mean the stored result can be reused; anything else is recomputed.
/// </summary>
public static class TestKey
{
    /// <param name="extra">Anything else that determines the result (e.g. a capacity search's target and tolerance).</param>
    public static string Compute(ExperimentContext context, SuiteTest test, SimulationConfig config, string extra = "")
    {
        var w = context.WorkloadOptions;
        var s = config.Scheduler;
        var text = new StringBuilder()
            .Append("code=").Append(CodeVersion.Semantics)
            .Append(";step=").Append(test.Step) // each step keeps its own rows, even where two steps share a configuration
            .Append(";dataset_sha256=").Append(context.DatasetSha256)
            .Append(";predictor=").Append(w.Predictor).Append(w.Predictor == "noisy-oracle" ? $"({R(w.PredictorSigma)})" : "")
            .Append(";seed=").Append(w.Seed)
            .Append(";arrivals=").Append(w.RealTimestamps ? "real" : "rps/" + R(w.RpsScaling))
            .Append(";drop_failed=").Append(w.DropFailed)
            .Append(";n=").Append(test.Requests).Append('/').Append(context.WorkloadFor(test.Requests).Count)
            .Append(";scheduler=").Append(s.Scheduler.Name)
            .Append(";gpus=").Append(config.Gpus)
            .Append(";k=").Append(test.RecordedK)
            .Append(";bins=").Append(config.Boundaries?.ToString() ?? "-")
            .Append(";bin_policy=").Append(s.BinPolicy)
            .Append(";d_sla=").Append(R(s.DSla)).Append(";eps=").Append(R(s.SlaEpsilon))
            .Append(";b=").Append(s.BMin).Append('-').Append(s.BMax).Append(";pool=").Append(s.CandidatePool)
            .Append(";static=").Append(s.StaticBatchSize).Append(";fixed=").Append(s.FixedBatchSize)
            .Append(";max_wait=").Append(s.MaxWait is { } wait ? R(wait) : "-")
            .Append(";memory=").Append(R(s.Memory.GpuMemoryGb)).Append(',').Append(R(s.Memory.ModelMemoryGb)).Append(',')
            .Append(R(s.Memory.KvCacheGbPerToken)).Append(',').Append(R(s.Memory.MarginGb))
            .Append(";algorithms=").Append(s.MemoryAlgorithm).Append('/').Append(R(s.MemoryEpsilon)).Append(',').Append(s.SlaAlgorithm)
            .Append('/').Append(s.SlaAlpha).Append('/').Append(s.SlaDelta).Append(',').Append(s.SlaSignal)
            .Append(";latency=").Append(R(config.Latency.Alpha)).Append(',').Append(R(config.Latency.Beta)).Append(',').Append(R(config.Latency.Gamma))
            .Append(extra.Length > 0 ? ";" + extra : "");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash)[..32];
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
