using MultiBinSim.Storage;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;

namespace MultiBinSim.Experiments;

/// <summary>Builds result rows: the configuration columns, then the metrics of a success or the error of a failure.</summary>
public static class ResultRows
{
    public static ResultRow Success(ExperimentContext context, SuiteTest test, SimulationConfig config, string key, RunMetrics metrics, DateTimeOffset finished)
    {
        var values = Configuration(context, test, config, key, finished);
        foreach (var (name, value) in MetricColumns.Values(metrics))
        {
            values[ResultSchema.IndexOf(name)] = value;
        }

        values[ResultSchema.IndexOf(MetricCatalogue.BinRequestCounts.Name)] = metrics.BinRequestCounts.ToArray();
        values[ResultSchema.IndexOf(MetricCatalogue.BinBatchCounts.Name)] = metrics.BinBatchCounts.ToArray();
        values[ResultSchema.IndexOf("status")] = ResultRow.Success;
        return new ResultRow(values);
    }

    public static ResultRow Failure(ExperimentContext context, SuiteTest test, SimulationConfig config, string key, Exception error, double executionSeconds, DateTimeOffset finished)
    {
        var values = Configuration(context, test, config, key, finished);
        values[ResultSchema.IndexOf(MetricCatalogue.NumRequests.Name)] = context.WorkloadFor(test.Requests).Count;
        values[ResultSchema.IndexOf(MetricCatalogue.ExecutionTimeSeconds.Name)] = executionSeconds;
        values[ResultSchema.IndexOf("status")] = ResultRow.Failed;
        values[ResultSchema.IndexOf("error_message")] = $"{error.GetType().Name}: {error.Message}";
        return new ResultRow(values);
    }

    private static object?[] Configuration(ExperimentContext context, SuiteTest test, SimulationConfig config, string key, DateTimeOffset finished)
    {
        var w = context.WorkloadOptions;
        var values = new object?[ResultSchema.Columns.Count];
        void Set(string name, object? value) => values[ResultSchema.IndexOf(name)] = value;
        Set("test_key", key);
        Set("step", test.Step);
        Set("step_name", SuiteStep.Name(test.Step));
        Set("scheduler_type", test.Scheduler.Name);
        Set("num_requests_requested", test.Requests);
        Set("num_gpus", config.Gpus);
        Set("k_bins", test.RecordedK);
        Set("bin_policy", test.Scheduler.IsBinned ? config.Scheduler.BinPolicy.ToName() : null);
        Set("bin_boundaries", config.Boundaries?.ToString());
        Set("rps_scaling", w.RealTimestamps ? null : w.RpsScaling);
        Set("use_real_timestamps", w.RealTimestamps);
        Set("d_sla", config.Scheduler.DSla);
        Set("predictor", w.Predictor);
        Set("seed", w.Seed);
        Set("dataset", context.Workload.DisplayName);
        Set("dataset_sha256", context.DatasetSha256);
        Set("code_version", CodeVersion.Full);
        Set("latency_alpha", config.Latency.Alpha);
        Set("latency_beta", config.Latency.Beta);
        Set("latency_gamma", config.Latency.Gamma);
        Set("timestamp", TruncateToMilliseconds(finished.UtcDateTime)); // the stored precision (CSV text and Parquet timestamp)
        return values;
    }

    private static DateTime TruncateToMilliseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
