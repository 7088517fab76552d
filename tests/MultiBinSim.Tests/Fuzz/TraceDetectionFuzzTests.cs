using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// Format detection (<see cref="TraceReaders.Read(Stream, string, TraceFormat, int?)"/> with Auto) under mutation: a damaged header may switch the reader,
/// never the error contract.
/// </summary>
public class TraceDetectionFuzzTests
{
    internal static readonly FuzzFormat<Trace> Format = new()
    {
        Name = "detect",
        FileName = "fuzz-trace.csv",
        Read = (stream, path) => TraceReaders.Read(stream, path),
        CheckAccepted = (trace, input) => TraceChecks.Consistent(trace, input, relativeTimes: trace.Format != "burstgpt"),
    };

    [NeedsSharedData]
    [Fact(Timeout = 120_000)]
    public async Task Mutated_BurstGPT_and_Azure_slices_are_detected_and_read_or_rejected_with_the_documented_error()
    {
        IReadOnlyList<byte[]> seeds =
        [
            .. Seeds.TraceSlices("burstgpt_1_first7days.csv", hasHeader: true, slices: 2),
            .. Seeds.TraceSlices("azure_llm_2023_code.csv", hasHeader: true, slices: 2),
            .. Seeds.TraceSlices("mooncake_conversation.jsonl", hasHeader: false, slices: 2, rows: 5),
        ];
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, seeds, runSeed: 14, TestContext.Current.CancellationToken);
    }

    [NeedsSharedData]
    [Fact]
    public void Detection_picks_the_reader_from_the_first_line_or_the_extension()
    {
        foreach (
            var (file, name, format) in new[]
            {
                ("burstgpt_1_first7days.csv", "t.csv", "burstgpt"),
                ("azure_llm_2023_code.csv", "t.csv", "azure"),
                ("mooncake_conversation.jsonl", "t.txt", "mooncake"),
            }
        )
        {
            var slice = Seeds.TraceSlices(file, hasHeader: !file.EndsWith(".jsonl", StringComparison.Ordinal), slices: 1)[0];
            Assert.Equal(format, TraceReaders.Read(new MemoryStream(slice), name).Format);
        }
    }

    [Fact]
    public void A_two_gigabyte_first_line_is_rejected_by_detection()
    {
        var stream = new GeneratedStream("Timestamp,"u8.ToArray(), "x,"u8.ToArray(), HugeInput.TwoGigabytes);
        var e = HugeInput.Rejects<TraceFormatException>(stream, s => TraceReaders.Detect(s, "big.csv"), maxConsumed: 4 << 20, maxAllocated: 32 << 20);
        Assert.Equal(1, e.Line);
    }
}
