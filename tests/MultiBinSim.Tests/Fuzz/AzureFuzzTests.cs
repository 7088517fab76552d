using System.Text;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

public class AzureFuzzTests
{
    internal static readonly FuzzFormat<Trace> Format = new()
    {
        Name = "azure",
        FileName = "fuzz-azure.csv",
        Read = (stream, path) => AzureTraceReader.Read(stream, path),
        CheckAccepted = (trace, input) => TraceChecks.Consistent(trace, input, relativeTimes: true),
    };

    [NeedsSharedData]
    [Fact(Timeout = 120_000)]
    public async Task Mutated_genuine_slices_are_read_or_rejected_with_the_documented_error()
    {
        var seeds = Seeds
            .TraceSlices("azure_llm_2023_code.csv", hasHeader: true)
            .Concat(Seeds.TraceSlices("azure_llm_2023_conv.csv", hasHeader: true, slices: 2))
            .ToArray();
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, seeds, runSeed: 14, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_issue_14_stray_quote_names_file_line_and_column()
    {
        var e = Assert.Throws<TraceFormatException>(() => Format.Read(new MemoryStream(Regressions.Read("azure-issue14-stray-quote.csv")), "az.csv"));
        Assert.Equal(("az.csv", 3L, "ContextTokens"), (e.Path, e.Line, e.Column));
        Assert.StartsWith("az.csv:3: column 'ContextTokens': ", e.Message);
    }

    [Fact]
    public void A_two_gigabyte_line_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream(
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,"u8.ToArray(),
            "1"u8.ToArray(),
            HugeInput.TwoGigabytes
        );
        var e = HugeInput.Rejects<TraceFormatException>(stream, s => AzureTraceReader.Read(s, "big.csv"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(2, e.Line);
        Assert.Contains("longer than 1,048,576 characters", e.Message);
    }

    [Fact]
    public void A_ten_million_column_header_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream("TIMESTAMP,ContextTokens,GeneratedTokens"u8.ToArray(), ",c"u8.ToArray(), 20_000_000L + 39);
        var e = HugeInput.Rejects<TraceFormatException>(stream, s => AzureTraceReader.Read(s, "wide.csv"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void A_header_with_more_columns_than_the_limit_is_rejected()
    {
        string header = "TIMESTAMP,ContextTokens,GeneratedTokens" + string.Concat(Enumerable.Repeat(",x", InputLimits.MaxColumns));
        var e = Assert.Throws<TraceFormatException>(() => AzureTraceReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(header + "\n")), "wide.csv"));
        Assert.Contains($"the header has {InputLimits.MaxColumns + 3:N0} columns", e.Message);
    }
}
