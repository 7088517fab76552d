using FsCheck.Xunit;
using MultiBinSim.Cli;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Storage;

/// <summary>
/// <c>--requests-out</c> on a streamed run (<see cref="RequestRecordStream"/>): records arrive in completion order and
/// leave in workload order, so the file is byte for byte the one the in-memory run writes from its timeline.
/// </summary>
public class RequestRecordStreamTests
{
    private static readonly WorkloadOptions Options = new() { Predictor = "oracle", RealTimestamps = true };

    private static SimulationConfig Config(SchedulerKind kind, int gpus) =>
        new()
        {
            Gpus = gpus,
            Scheduler = new SchedulerOptions
            {
                Scheduler = kind,
                K = 3,
                Memory = new GpuMemoryModel(12, 2, 4e-3, 1), // 2,000 tokens: long requests are rejected
                BMax = 16,
                CandidatePool = 16,
                StaticBatchSize = 3,
                FixedBatchSize = 4,
            },
            Latency = Scenario.Linear,
        };

    /// <summary>The in-memory file and the streamed file of the same run, as bytes.</summary>
    private static (byte[] InMemory, byte[] Streamed, long Written) BothFiles(
        double[] timestamps,
        int[] prompt,
        int[] output,
        SimulationConfig config,
        string extension
    )
    {
        using var tmp = new TempFiles();
        var options = Options with { Requests = timestamps.Length };
        var built = WorkloadBuilder.Build(new Trace("arrays", timestamps, prompt, output), options);
        var inMemory = Simulator.Run(built, config);
        string a = Path.Combine(tmp.Folder, "in-memory" + extension),
            b = Path.Combine(tmp.Folder, "streamed" + extension);
        RequestRecords.WriteAsync(a, built, config, inMemory).GetAwaiter().GetResult();

        var stream = new WorkloadStream(() => new ArrayRows(timestamps, prompt, output, 7), timestamps.Length, options);
        var streamConfig = config with { Boundaries = inMemory.Boundaries };
        long written;
        using (var records = new RequestRecordStream(b, streamConfig.Boundaries, continuous: false))
        {
            var streamed = Simulator.Run(stream, streamConfig, out _, new RunMonitors(Requests: records));
            records.Complete(streamed.Metrics.NumRequests);
            written = records.Written;
        }

        return (File.ReadAllBytes(a), File.ReadAllBytes(b), written);
    }

    [Property(MaxTest = 60)]
    public void A_streamed_runs_file_is_the_in_memory_runs_file(int[] gaps, int[] tokens, int gpuSeed, int kindSeed, bool csv)
    {
        int n = Math.Min(gaps.Length, tokens.Length);
        if (n == 0)
        {
            return;
        }

        // Ties, bursts (out-of-order completions across GPUs and batches) and rejections (lengths up to 3,000 tokens).
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
        var (inMemory, streamed, written) = BothFiles(timestamps, prompt, output, Config(kind, Math.Abs(gpuSeed % 3) + 1), csv ? ".csv" : ".parquet");
        Assert.Equal(n, written);
        Assert.Equal(inMemory, streamed);
    }

    [Fact]
    public void Completions_far_out_of_order_wait_in_the_buffer_and_the_file_stays_in_workload_order()
    {
        // One GPU, 3,000 requests at t = 0: multi-bin batches serve short bins first, so early rows leave late.
        int n = 3000;
        var timestamps = new double[n];
        var prompt = Enumerable.Range(0, n).Select(i => 10 + (i * 37) % 300).ToArray();
        var output = Enumerable.Range(0, n).Select(i => 5 + (i * 91) % 400).ToArray();
        var (inMemory, streamed, written) = BothFiles(timestamps, prompt, output, Config(SchedulerKind.MultiBinDynamic, 1), ".csv");
        Assert.Equal(n, written);
        Assert.Equal(inMemory, streamed);
    }

    [Fact]
    public void A_request_never_recorded_is_a_defect_and_leaves_an_earlier_file_untouched()
    {
        using var tmp = new TempFiles();
        string path = Path.Combine(tmp.Folder, "requests.csv");
        File.WriteAllText(path, "earlier");
        using (var records = new RequestRecordStream(path, null, continuous: false))
        {
            records.Record(new RequestRecord { Sequence = 1, Replica = 0 }); // request 0 never leaves
            var error = Assert.Throws<InvalidOperationException>(() => records.Complete(2));
            Assert.Contains("2 requests ran but 0 were recorded", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("earlier", File.ReadAllText(path));
        Assert.Equal(["requests.csv"], Directory.GetFiles(tmp.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_request_recorded_twice_is_a_defect()
    {
        using var tmp = new TempFiles();
        using var records = new RequestRecordStream(Path.Combine(tmp.Folder, "r.parquet"), null, continuous: false);
        records.Record(new RequestRecord { Sequence = 2 });
        Assert.Throws<InvalidOperationException>(() => records.Record(new RequestRecord { Sequence = 2 }));
        records.Record(new RequestRecord { Sequence = 0 });
        Assert.Throws<InvalidOperationException>(() => records.Record(new RequestRecord { Sequence = 0 }));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void Mbsim_run_streams_its_requests_file_and_writes_the_in_memory_runs_bytes(string format)
    {
        using var tmp = new TempFiles();
        string streamedPath = Path.Combine(tmp.Folder, $"streamed.{format}"),
            inMemoryPath = Path.Combine(tmp.Folder, $"in-memory.{format}");
        string[] args = ["--requests", "20000", "--gpus", "2", "--scheduler", "multi_bin_dynamic", "--k", "4", "--rps-scaling", "20"];
        var run = RunCommand.CreateForTests();
        var streamed = SingleRun.Execute(run.Spec(run.Command.Parse([.. args, "--metrics-mode", "streaming"])), true, null, streamedPath);
        var inMemory = SingleRun.Execute(run.Spec(run.Command.Parse(args)), true, null, inMemoryPath);
        Assert.True(streamed.Streamed);
        Assert.False(inMemory.Streamed);
        Assert.Equal(20000L, streamed.RequestsWritten);
        Assert.Equal(20000L, inMemory.RequestsWritten);
        Assert.Equal(LatencyHistogram.RelativeError, streamed.Result.Metrics.LatencyPercentileError);
        Assert.Equal(File.ReadAllBytes(inMemoryPath), File.ReadAllBytes(streamedPath));
    }
}
