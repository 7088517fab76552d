using MathNet.Numerics.Statistics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Metrics;

/// <summary>Turns a finished run's timeline into its <see cref="RunMetrics"/> row.</summary>
internal static class MetricsCalculator
{
    public static RunMetrics Compute(Workload workload, SimulationConfig config, IBatchPolicy policy, RequestTimeline timeline,
        GpuCluster gpus, BatchTally batches, double executionSeconds)
    {
        var arrivals = workload.Arrivals;
        var prompt = workload.PromptTokens;
        var output = workload.OutputTokens;
        double dSla = config.Scheduler.DSla;
        int n = workload.Count, completed = 0, rejected = 0, violations = 0;
        double latencySum = 0, queueingSum = 0, serviceSum = 0, lastCompletion = double.NegativeInfinity;
        long tokens = 0;
        var latencies = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (timeline.Gpu[i] < 0)
            {
                rejected += timeline.Gpu[i] == RequestTimeline.Rejected ? 1 : 0;
                continue;
            }

            double completion = timeline.Completion[i];
            double latency = completion - arrivals[i];
            latencies[completed++] = latency;
            latencySum += latency;
            queueingSum += timeline.Start[i] - arrivals[i];
            serviceSum += completion - timeline.Start[i];
            lastCompletion = Math.Max(lastCompletion, completion);
            tokens += (long)prompt[i] + output[i];
            if (completion > arrivals[i] + dSla)
            {
                violations++;
            }
        }

        double totalTime = completed > 0 ? lastCompletion - arrivals[0] : 0.0;
        var sample = latencies.AsSpan(0, completed).ToArray();
        double PerSecond(double count) => totalTime > 0 ? count / totalTime : 0.0;
        double Mean(double sum) => completed > 0 ? sum / completed : 0.0;
        double Quantile(double tau) => completed > 0 ? ArrayStatistics.QuantileCustomInplace(sample, tau, QuantileDefinition.R7) : 0.0;

        var utilization = new double[gpus.Count];
        for (int g = 0; g < gpus.Count; g++)
        {
            utilization[g] = batches.LastGpuFreeTime > 0 ? gpus.BusyTime[g] / batches.LastGpuFreeTime : 0.0;
        }

        return new RunMetrics
        {
            NumRequests = n,
            NumCompleted = completed,
            NumRejected = rejected,
            TotalTime = totalTime,
            ThroughputRequestsPerSec = PerSecond(completed),
            ThroughputTokensPerSec = PerSecond(tokens),
            AvgLatency = Mean(latencySum),
            P50Latency = Quantile(0.50),
            P95Latency = Quantile(0.95),
            P99Latency = Quantile(0.99),
            MaxLatency = completed > 0 ? sample.Max() : 0.0,
            NumSlaViolations = violations,
            SlaViolationRate = completed > 0 ? (double)violations / completed : 0.0,
            CapacityQpsUnderSla = PerSecond(completed - violations),
            AvgQueueingDelay = Mean(queueingSum),
            AvgServiceTime = Mean(serviceSum),
            AvgGpuUtilization = utilization.Average(),
            MinGpuUtilization = utilization.Min(),
            MaxGpuUtilization = utilization.Max(),
            NumBatches = batches.Count,
            AvgBatchSize = batches.Count > 0 ? (double)batches.TotalSize / batches.Count : 0.0,
            MinBatchSize = batches.Count > 0 ? batches.MinSize : 0,
            MaxBatchSize = batches.MaxSize,
            TotalTokens = tokens,
            ExecutionTimeSeconds = executionSeconds,
            BinRequestCounts = policy.RequestsPerBin.ToArray(),
            BinBatchCounts = policy.BatchesPerBin.ToArray(),
        };
    }
}
