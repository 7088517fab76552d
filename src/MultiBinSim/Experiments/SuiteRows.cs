using MultiBinSim.Storage;
namespace MultiBinSim.Experiments;

/// <summary>Picks, from a store that may hold several runs, the rows of one suite configuration.</summary>
public static class SuiteRows
{
    public static List<ResultRow> Matching(IEnumerable<ResultRow> rows, ExperimentContext context, SuiteOptions options)
    {
        var seeds = options.DerivedSeeds.ToHashSet();
        return rows.Where(r =>
                r.GetString("dataset_sha256") == context.DatasetSha256
                && r.GetString("predictor") == options.Workload.Predictor
                && r.Get<int>("seed") is { } seed && seeds.Contains(seed)
                && r.Get<bool>("use_real_timestamps") == options.Workload.RealTimestamps
                && (options.Workload.RealTimestamps || r.Get<double>("rps_scaling") == options.Workload.RpsScaling)
                && r.Get<double>("d_sla") == options.Scheduler.DSla
                && r.GetString("code_version") == CodeVersion.Full
                && EngineColumns.Matches(r, options)
                && (r.Step is SuiteStep.RequestScaling or SuiteStep.Grid or SuiteStep.Compare
                    ? r.Get<int>("num_requests_requested") <= options.MaxRequests
                    : r.Get<int>("num_requests_requested") == options.MaxRequests))
            .ToList();
    }
}
