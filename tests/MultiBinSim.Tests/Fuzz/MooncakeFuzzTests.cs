using System.Text;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

public class MooncakeFuzzTests
{
    internal static readonly FuzzFormat<Trace> Format = new()
    {
        Name = "mooncake",
        FileName = "fuzz-mooncake.jsonl",
        Read = (stream, path) => MooncakeTraceReader.Read(stream, path),
        CheckAccepted = (trace, input) => TraceChecks.Consistent(trace, input, relativeTimes: true),
    };

    [NeedsSharedData]
    [Fact(Timeout = 120_000)]
    public async Task Mutated_genuine_slices_are_read_or_rejected_with_the_documented_error()
    {
        var seeds = Seeds.TraceSlices("mooncake_conversation.jsonl", hasHeader: false, slices: 4, rows: 6);
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, seeds, runSeed: 14, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1} {\"x\": 1}", "malformed JSON")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}]", "malformed JSON")]
    [InlineData("{\"timestamp\": \"0\", \"input_length\": 1, \"output_length\": 1}", "expected a non-negative number")]
    [InlineData("{\"timestamp\": 1e400, \"input_length\": 1, \"output_length\": 1}", "expected a non-negative number")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 2147483648, \"output_length\": 1}", "fits 32 bits")]
    [InlineData("{\"timestamp\": 0, \"input_length\": [1], \"output_length\": 1}", "expected a token count")]
    [InlineData("{\"timestamp\": 0, \"output_length\": 1}", "required field is missing")]
    public void Wrong_types_missing_keys_and_trailing_garbage_are_rejected(string line, string message)
    {
        var e = Assert.Throws<TraceFormatException>(() => MooncakeTraceReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")), "m.jsonl"));
        Assert.Equal(1, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_value_nested_100000_deep_is_rejected_at_the_depth_limit()
    {
        var stream = new GeneratedStream("{\"timestamp\": 0, \"hash_ids\": "u8.ToArray(), "["u8.ToArray(), 100_030, "\n"u8.ToArray());
        var e = HugeInput.Rejects<TraceFormatException>(stream, s => MooncakeTraceReader.Read(s, "deep.jsonl"), maxConsumed: 1 << 20, maxAllocated: 16 << 20);
        Assert.Equal(1, e.Line);
        Assert.Contains("malformed JSON", e.Message);
        Assert.Contains($"{InputLimits.MaxJsonDepth}", e.Message);
    }

    [Fact]
    public void A_two_gigabyte_line_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream(
            "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}\n{\"hash_ids\": ["u8.ToArray(),
            "1,"u8.ToArray(),
            HugeInput.TwoGigabytes
        );
        var e = HugeInput.Rejects<TraceFormatException>(stream, s => MooncakeTraceReader.Read(s, "big.jsonl"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(2, e.Line);
    }
}
