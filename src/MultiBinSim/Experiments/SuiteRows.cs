using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>Picks, from a store that may hold several runs, the rows of one suite configuration.</summary>
public static class SuiteRows
{
    public static List<ResultRow> Matching(IEnumerable<ResultRow> rows, ExperimentContext context, SuiteOptions options)
    {
        var seeds = options.DerivedSeeds.ToHashSet();
        return rows.Where(r =>
                r.GetString(ConfigurationColumns.DatasetSha256.Name) == context.DatasetSha256
                && r.GetString(ConfigurationColumns.Predictor.Name) == options.Workload.Predictor
                && r.Get<int>(ConfigurationColumns.Seed.Name) is { } seed
                && seeds.Contains(seed)
                && r.Get<bool>(ConfigurationColumns.UseRealTimestamps.Name) == options.Workload.RealTimestamps
                && (options.Workload.RealTimestamps || r.Get<double>(ConfigurationColumns.RpsScaling.Name) == options.Workload.RpsScaling)
                && r.Get<double>(ConfigurationColumns.DSla.Name) == options.Scheduler.DSla
                && r.GetString(ConfigurationColumns.CodeVersion.Name) == CodeVersion.Full
                && EngineColumns.Matches(r, options)
                && (
                    r.Step is SuiteStep.RequestScaling or SuiteStep.Grid or SuiteStep.Compare
                        ? r.Get<int>(ConfigurationColumns.NumRequestsRequested.Name) <= options.MaxRequests
                        : r.Get<int>(ConfigurationColumns.NumRequestsRequested.Name) == options.MaxRequests
                )
            )
            .ToList();
    }
}
