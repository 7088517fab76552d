using FsCheck.Xunit;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// A streamed run (request window, slots reused, columns grown on demand) gives the in-memory run's metrics: every
/// field in exact mode; in streaming mode every field but the latency percentiles, which stay within the histogram's
/// stated error.
/// </summary>
public class StreamedRunTests
{
    private static readonly string[] Percentiles = [MetricCatalogue.P50Latency.Name, MetricCatalogue.P95Latency.Name, MetricCatalogue.P99Latency.Name];

    /// <summary>Both runs of one configuration: in memory (built workload) and streamed (the same rows as a stream).</summary>
    private static (RunMetrics InMemory, RunMetrics Streamed, int PeakInFlight) RunBoth(
        double[] timestamps,
        int[] prompt,
        int[] output,
        int step,
        SimulationConfig config
    )
    {
        var options = new WorkloadOptions
        {
            Requests = timestamps.Length,
            Predictor = "oracle",
            RealTimestamps = true,
        };
        var built = WorkloadBuilder.Build(new Trace("arrays", timestamps, prompt, output), options);
        var inMemory = Simulator.Run(built, config, recordTimeline: false).Metrics;
        var stream = new WorkloadStream(() => new ArrayRows(timestamps, prompt, output, step), timestamps.Length, options);
        var streamed = Simulator.Run(stream, config, out int peak).Metrics;
        return (inMemory, streamed, peak);
    }

    private static void AssertSame(RunMetrics expected, RunMetrics actual, bool percentilesWithinBound)
    {
        foreach (var metric in MetricCatalogue.All)
        {
            if (metric == MetricCatalogue.ExecutionTimeSeconds || (percentilesWithinBound && metric == MetricCatalogue.LatencyPercentileError))
            {
                continue;
            }

            object? e = metric.Read(expected),
                a = metric.Read(actual);
            if (percentilesWithinBound && Percentiles.Contains(metric.Name))
            {
                double x = (double)e!,
                    y = (double)a!;
                Assert.True(Math.Abs(x - y) <= LatencyHistogram.RelativeError * x * (1 + 1e-12), $"{metric.Name}: {y} is not within the bound of {x}");
            }
            else if (metric.IsVector)
            {
                Assert.Equal((IReadOnlyList<long>)e!, (IReadOnlyList<long>)a!);
            }
            else
            {
                Assert.True(Equals(e, a), $"{metric.Name}: {a} differs from {e}");
            }
        }
    }

    [Property(MaxTest = 150)]
    public void A_streamed_run_has_the_in_memory_runs_metrics(int[] gaps, int[] tokens, int gpuSeed, int kindSeed, byte stepSeed, bool streamingMetrics)
    {
        int n = Math.Min(gaps.Length, tokens.Length);
        if (n == 0)
        {
            return;
        }

        // Arrivals on a coarse grid (ties), lengths from tiny to too big for memory (rejections), bursts that pile up
        // more requests than the window's first 64 slots (growth).
        var timestamps = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += Math.Abs(gaps[i] % 4) * 0.25;
            timestamps[i] = t;
        }

        var lengths = tokens.Take(n).Select(x => Math.Abs(x % 3000) + 1).ToArray();
        var prompt = lengths.Select(l => l / 2).ToArray();
        var output = lengths.Select(l => l - l / 2).ToArray();
        var kind = Schedulers.All[Math.Abs(kindSeed % Schedulers.All.Count)];
        var config = new SimulationConfig
        {
            Gpus = Math.Abs(gpuSeed % 3) + 1,
            Scheduler = new SchedulerOptions
            {
                Scheduler = kind,
                K = 3,
                Memory = new GpuMemoryModel(12, 2, 4e-3, 1),
                BMax = 16,
                CandidatePool = 16,
                StaticBatchSize = 3,
                FixedBatchSize = 4,
                MaxWait = kind == SchedulerKind.MultiBinPaper && gpuSeed % 2 == 0 ? 0.5 : null,
            },
            Latency = Scenario.Linear,
            MetricsMode = streamingMetrics ? MetricsMode.Streaming : MetricsMode.Exact,
        };
        var (inMemory, streamed, _) = RunBoth(timestamps, prompt, output, 1 + stepSeed % 50, config);
        AssertSame(inMemory, streamed, streamingMetrics);
        Assert.Equal(streamingMetrics ? LatencyHistogram.RelativeError : null, streamed.LatencyPercentileError);
    }

    [Fact]
    public void An_overloaded_stream_grows_its_window_and_still_matches()
    {
        // 5,000 requests at once on one GPU: every one is in flight together.
        int n = 5000;
        var timestamps = new double[n];
        var prompt = Enumerable.Range(0, n).Select(i => 10 + i % 200).ToArray();
        var output = Enumerable.Range(0, n).Select(i => 5 + i % 300).ToArray();
        var config = new SimulationConfig
        {
            Gpus = 1,
            Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 4 },
            Latency = Scenario.Linear,
        };
        var (inMemory, streamed, peak) = RunBoth(timestamps, prompt, output, 333, config);
        AssertSame(inMemory, streamed, percentilesWithinBound: false);
        Assert.Equal(n, peak);
    }

    [Fact]
    public void A_synthetic_stream_matches_the_in_memory_run_in_both_metrics_modes()
    {
        var options = new WorkloadOptions { Requests = 200_000 };
        var built = WorkloadBuilder.Build(Datasets.Load(Datasets.Synthetic, 200_000), options);
        foreach (var mode in new[] { MetricsMode.Exact, MetricsMode.Streaming })
        {
            var config = new SimulationConfig
            {
                Gpus = 4,
                Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 4 },
                MetricsMode = mode,
            };
            var inMemory = Simulator.Run(built, config with { MetricsMode = MetricsMode.Exact }, recordTimeline: false).Metrics;
            var streamed = Simulator.Run(WorkloadStream.Synthetic(options), config, out int peak).Metrics;
            AssertSame(inMemory, streamed, percentilesWithinBound: mode == MetricsMode.Streaming);
            Assert.InRange(peak, 1, 50_000); // far below N: only requests in flight are kept
        }
    }

    [Fact]
    public void Auto_mode_is_exact_up_to_the_threshold()
    {
        Assert.False(MetricsModes.IsStreaming(null, MetricsModes.StreamingThreshold));
        Assert.True(MetricsModes.IsStreaming(null, MetricsModes.StreamingThreshold + 1L));
        Assert.True(MetricsModes.IsStreaming(MetricsMode.Streaming, 1));
        Assert.False(MetricsModes.IsStreaming(MetricsMode.Exact, long.MaxValue));
        var w = Workload.FromColumns([0.0, 1.0], [10, 10], [10, 10], [10, 10]);
        Assert.Null(Simulator.Run(w, new SimulationConfig()).Metrics.LatencyPercentileError);
    }
}
