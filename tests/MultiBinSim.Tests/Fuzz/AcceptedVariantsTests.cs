using System.Text;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// What README's "Bad input" section lists as accepted really reads to the same rows as the plain file: a BOM, CRLF or
/// lone CR line endings, quoted fields, blank lines, extra columns and spaces around fields.
/// </summary>
public class AcceptedVariantsTests
{
    public static TheoryData<string> Variants() => ["bom", "crlf", "cr", "quoted", "blank-lines", "extra-column", "spaces"];

    private static string Apply(string variant, string text) =>
        variant switch
        {
            "bom" => "\uFEFF" + text,
            "crlf" => text.Replace("\n", "\r\n"),
            "cr" => text.Replace("\n", "\r"),
            "quoted" => string.Join('\n', text.Split('\n').Select(l => l.Length == 0 ? l : string.Join(',', l.Split(',').Select(f => $"\"{f}\"")))),
            "blank-lines" => text.Replace("\n", "\n\n"),
            "extra-column" => string.Join('\n', text.Split('\n').Select((l, i) => l.Length == 0 ? l : l + (i == 0 ? ",Extra" : ",x"))),
            "spaces" => string.Join('\n', text.Split('\n').Select((l, i) => i == 0 ? l : l.Replace(",", " , "))),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

    private static Trace Read(Func<Stream, string, Trace> reader, string text) => reader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "variant.csv");

    [NeedsSharedData]
    [Theory]
    [MemberData(nameof(Variants))]
    public void BurstGpt_variants_read_the_same_rows(string variant)
    {
        foreach (var slice in Seeds.TraceSlices("burstgpt_1_first7days.csv", hasHeader: true, slices: 3, rows: 50))
        {
            string text = Encoding.UTF8.GetString(slice);
            var plain = Read((s, p) => BurstGptReader.Read(s, p), text);
            var changed = Read((s, p) => BurstGptReader.Read(s, p), Apply(variant, text));
            Assert.Equal(plain.Timestamps, changed.Timestamps);
            Assert.Equal(plain.RequestTokens, changed.RequestTokens);
            Assert.Equal(plain.ResponseTokens, changed.ResponseTokens);
            Assert.Equal(plain.Models, changed.Models);
        }
    }

    [NeedsSharedData]
    [Theory]
    [MemberData(nameof(Variants))]
    public void Azure_variants_read_the_same_rows(string variant)
    {
        foreach (var slice in Seeds.TraceSlices("azure_llm_2023_conv.csv", hasHeader: true, slices: 3, rows: 50))
        {
            string text = Encoding.UTF8.GetString(slice).Replace("\r", ""); // the published file has CRLF endings
            var plain = Read((s, p) => AzureTraceReader.Read(s, p), text);
            var changed = Read((s, p) => AzureTraceReader.Read(s, p), Apply(variant, text));
            Assert.Equal(plain.Timestamps, changed.Timestamps);
            Assert.Equal(plain.RequestTokens, changed.RequestTokens);
            Assert.Equal(plain.ResponseTokens, changed.ResponseTokens);
        }
    }

    [NeedsSharedData]
    [Fact]
    public void Mooncake_accepts_a_bom_crlf_lone_cr_and_blank_lines()
    {
        foreach (var slice in Seeds.TraceSlices("mooncake_conversation.jsonl", hasHeader: false, slices: 2, rows: 20))
        {
            string text = Encoding.UTF8.GetString(slice);
            var plain = Read((s, p) => MooncakeTraceReader.Read(s, p), text);
            foreach (var variant in new[] { "bom", "crlf", "cr", "blank-lines" })
            {
                var changed = Read((s, p) => MooncakeTraceReader.Read(s, p), Apply(variant, text));
                Assert.Equal(plain.Timestamps, changed.Timestamps);
                Assert.Equal(plain.RequestTokens, changed.RequestTokens);
                Assert.Equal(plain.ResponseTokens, changed.ResponseTokens);
            }
        }
    }

    [Fact]
    public void Unsorted_timestamps_are_accepted_and_sorted_with_a_warning()
    {
        var trace = Read((s, p) => BurstGptReader.Read(s, p), "Timestamp,Request tokens,Response tokens\n5,1,1\n3,2,2\n4,3,3\n");
        Assert.Equal([5.0, 3.0, 4.0], trace.Timestamps);
        var workload = WorkloadBuilder.Build(trace, new WorkloadOptions { RealTimestamps = true });
        Assert.Equal([0.0, 1.0, 2.0], workload.Arrivals.ToArray());
        Assert.Equal([2, 3, 1], workload.PromptTokens.ToArray());
        Assert.Contains(workload.Warnings, w => w.Contains("not sorted"));
    }
}
