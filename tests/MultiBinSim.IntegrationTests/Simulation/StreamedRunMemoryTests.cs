using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// A streamed run allocates in proportion to the requests in flight, not to the workload's length: measured with the
/// GC's allocation counter for this thread (the streamed run generates, predicts and simulates on it), not wall time.
/// </summary>
public class StreamedRunMemoryTests
{
    /// <summary>
    /// Bytes this thread allocates for a streamed, streaming-metrics run of <paramref name="requests"/> synthetic requests, and its peak in flight.
    /// </summary>
    private static (long Bytes, int PeakInFlight, RunMetrics Metrics) Allocated(int requests)
    {
        // multi_bin_dynamic on 4 GPUs at --rps-scaling 80: offered load about 22 req/s, served in full (not overloaded:
        // an overloaded run has O(N) requests in flight by definition).
        var stream = WorkloadStream.Synthetic(new WorkloadOptions { Requests = requests, RpsScaling = 80 });
        var config = new SimulationConfig
        {
            Gpus = 4,
            Scheduler = new SchedulerOptions { Scheduler = SchedulerKind.MultiBinDynamic, K = 4 },
            MetricsMode = MetricsMode.Streaming,
        };
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = Simulator.Run(stream, config, out int peak);
        return (GC.GetAllocatedBytesForCurrentThread() - before, peak, result.Metrics);
    }

    [Fact]
    public void A_ten_million_request_run_allocates_for_the_requests_in_flight_only()
    {
        Allocated(10_000); // JIT and the generator's static tables, once
        var small = Allocated(1_000_000);
        var large = Allocated(10_000_000);
        Assert.Equal(10_000_000, large.Metrics.NumCompleted + large.Metrics.NumRejected);

        // Ten times the requests, about the same bytes: buffers of one chunk, the histogram, and the window and queues,
        // which follow the peak in flight (a few thousand requests here, doubling from 64 slots).
        string numbers = $"1M: {small.Bytes:N0} B (peak {small.PeakInFlight:N0} in flight); 10M: {large.Bytes:N0} B (peak {large.PeakInFlight:N0} in flight)";
        Assert.True(large.PeakInFlight < 100_000, numbers);
        Assert.True(large.Bytes < 2 * small.Bytes, numbers);
        // The 9M extra requests cost under 1/8 byte each (about 10 MB is fixed: chunk buffers, the boundary sample, the
        // histogram). An in-memory run keeps at least a latency (8 B) and four columns (20 B) per request: 280 MB at 10M.
        Assert.True(large.Bytes - small.Bytes < 9_000_000 / 8, numbers);
        Assert.True(large.Bytes < 20_000_000, numbers);
    }
}
