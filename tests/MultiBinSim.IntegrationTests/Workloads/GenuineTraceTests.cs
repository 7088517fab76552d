using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Batch;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

/// <summary>The genuine public traces in ../shared/data/traces (skipped with a message when absent).</summary>
[NeedsSharedData]
public class GenuineTraceTests
{
    [Fact]
    public void Burstgpt_slice_description_matches_its_readme()
    {
        var d = TraceDescription.Of(TraceReaders.Read(SharedData.RequireFile("data/traces/burstgpt_1_first7days.csv")));
        Assert.Equal(19_431, d.Rows);
        Assert.Equal(629, d.RequestTokens.Mean, 0);
        Assert.Equal((439.0, 2_331.0, 5_087), (d.RequestTokens.Median, d.RequestTokens.P99, d.RequestTokens.Max));
        Assert.Equal(243.5, d.ResponseTokens.Mean, 1);
        Assert.Equal((210.0, 922.0, 2_048), (d.ResponseTokens.Median, d.ResponseTokens.P99, d.ResponseTokens.Max));
        Assert.Equal(1_538, d.FailedRows);
        Assert.Equal([new("ChatGPT", 12_845), new("GPT-4", 6_586)], d.Models);
        Assert.Equal([new("Conversation log", 19_120), new("API log", 311)], d.LogTypes);
        Assert.Equal(0.032, d.MeanRatePerSecond, 3);
        Assert.Equal(7.0, d.TimeSpanSeconds / 86_400, 1);
        var frame = d.ToDataFrame();
        int rowsAt = Enumerable.Range(0, (int)frame.Rows.Count).Single(i => (string)frame.Columns["statistic"][i] == "rows");
        Assert.Equal("19,431", frame.Columns["value"][rowsAt]);
    }

    [Theory]
    [InlineData("azure_llm_2023_code.csv", "azure", 8_819)]
    [InlineData("azure_llm_2023_conv.csv", "azure", 19_366)]
    [InlineData("mooncake_conversation.jsonl", "mooncake", 12_031)]
    public void Other_traces_are_read_whole(string file, string format, int rows)
    {
        var trace = TraceReaders.Read(SharedData.RequireFile($"data/traces/{file}"));
        Assert.Equal(format, trace.Format);
        var d = TraceDescription.Of(trace);
        Assert.Equal(rows, d.Rows);
        Assert.InRange(d.TimeSpanSeconds / 3600, 0.9, 1.0); // each is about one hour of traffic
        Assert.Equal(0, d.OutOfOrderRows);
    }

    public static TheoryData<string, SchedulerKind, int> Runs()
    {
        var data = new TheoryData<string, SchedulerKind, int>();
        foreach (var file in new[] { "burstgpt_1_first7days.csv", "azure_llm_2023_code.csv", "azure_llm_2023_conv.csv", "mooncake_conversation.jsonl" })
        {
            foreach (var kind in Schedulers.All)
            {
                foreach (int gpus in new[] { 1, 4 })
                {
                    data.Add(file, kind, gpus);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_scheduler_runs_each_genuine_trace_to_completion(string file, SchedulerKind kind, int gpus)
    {
        var trace = TraceReaders.Read(SharedData.RequireFile($"data/traces/{file}"));
        var workload = WorkloadBuilder.Build(trace, new WorkloadOptions { RpsScaling = file.StartsWith("burstgpt") ? 200 : 1 });
        var result = Simulator.Run(
            workload,
            new SimulationConfig
            {
                Gpus = gpus,
                Scheduler = new SchedulerOptions { Scheduler = kind, K = 4 },
            }
        );
        var m = result.Metrics;
        Assert.Equal(trace.Count, m.NumCompleted + m.NumRejected);
        Assert.InRange(m.SlaViolationRate, 0, 1);
        Assert.InRange(m.AvgGpuUtilization, 0, 1);
        Assert.InRange(m.MaxGpuUtilization, 0, 1);
        Assert.True(m.AvgLatency >= m.AvgServiceTime);
        var tl = result.Timeline!;
        for (int i = 0; i < workload.Count; i++)
        {
            if (tl.Gpu[i] >= 0)
            {
                Assert.True(tl.Completion[i] - workload.Arrivals[i] >= tl.Completion[i] - tl.Start[i], "latency >= service time");
            }
        }
    }
}
