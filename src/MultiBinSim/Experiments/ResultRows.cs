using MultiBinSim.Errors;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;

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
        values[ResultSchema.IndexOf(ConfigurationColumns.Status.Name)] = ResultRow.Success;
        return new ResultRow(values);
    }

    public static ResultRow Failure(
        ExperimentContext context,
        SuiteTest test,
        SimulationConfig config,
        string key,
        Exception error,
        double executionSeconds,
        DateTimeOffset finished
    )
    {
        var values = Configuration(context, test, config, key, finished);
        values[ResultSchema.IndexOf(MetricCatalogue.NumRequests.Name)] = context.WorkloadFor(test.Requests).Count;
        values[ResultSchema.IndexOf(MetricCatalogue.ExecutionTimeSeconds.Name)] = executionSeconds;
        values[ResultSchema.IndexOf(ConfigurationColumns.Status.Name)] = ResultRow.Failed;
        values[ResultSchema.IndexOf(ConfigurationColumns.ErrorMessage.Name)] = $"{error.GetType().Name}: {error.Message}";
        return new ResultRow(values);
    }

    private static object?[] Configuration(ExperimentContext context, SuiteTest test, SimulationConfig config, string key, DateTimeOffset finished)
    {
        var w = context.WorkloadOptions;
        var values = new object?[ResultSchema.Columns.Count];
        void Set(string name, object? value) => values[ResultSchema.IndexOf(name)] = value;
        Set(ConfigurationColumns.TestKey.Name, key);
        Set(ConfigurationColumns.Step.Name, test.Step);
        Set(ConfigurationColumns.StepName.Name, SuiteStep.Name(test.Step));
        Set(ConfigurationColumns.SchedulerType.Name, test.Scheduler.Name);
        Set(ConfigurationColumns.NumRequestsRequested.Name, test.Requests);
        Set(ConfigurationColumns.NumGpus.Name, config.Gpus);
        Set(ConfigurationColumns.KBins.Name, test.RecordedK);
        Set(ConfigurationColumns.BinPolicy.Name, test.Scheduler.IsBinned ? EnumNames.Name(config.Scheduler.BinPolicy) : null);
        Set(ConfigurationColumns.BinBoundaries.Name, config.Boundaries?.ToString());
        Set(ConfigurationColumns.RpsScaling.Name, w.RealTimestamps ? null : w.RpsScaling);
        Set(ConfigurationColumns.UseRealTimestamps.Name, w.RealTimestamps);
        Set(ConfigurationColumns.DSla.Name, config.Scheduler.DSla);
        Set(ConfigurationColumns.Predictor.Name, w.Predictor);
        Set(ConfigurationColumns.Seed.Name, w.Seed);
        Set(ConfigurationColumns.Dataset.Name, context.Workload.DisplayName);
        Set(ConfigurationColumns.DatasetSha256.Name, context.DatasetSha256);
        Set(ConfigurationColumns.CodeVersion.Name, CodeVersion.Full);
        Set(ConfigurationColumns.LatencyAlpha.Name, config.Latency.Alpha);
        Set(ConfigurationColumns.LatencyBeta.Name, config.Latency.Beta);
        Set(ConfigurationColumns.LatencyGamma.Name, config.Latency.Gamma);
        Set(ConfigurationColumns.Timestamp.Name, TruncateToMilliseconds(finished.UtcDateTime)); // the stored precision (CSV text and Parquet timestamp)
        return values;
    }

    private static DateTime TruncateToMilliseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
