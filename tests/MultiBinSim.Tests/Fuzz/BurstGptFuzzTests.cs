using System.Text;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

public class BurstGptFuzzTests
{
    internal static readonly FuzzFormat<Trace> Format = new()
    {
        Name = "burstgpt",
        FileName = "fuzz-burstgpt.csv",
        Read = (stream, path) => BurstGptReader.Read(stream, path),
        CheckAccepted = (trace, input) => TraceChecks.Consistent(trace, input, relativeTimes: false),
    };

    /// <summary>Plain slices (the fast path) and the same slices with quoted model names (the CsvHelper path).</summary>
    private static IReadOnlyList<byte[]> SeedsWithBothPaths()
    {
        var plain = Seeds.TraceSlices("burstgpt_1_first7days.csv", hasHeader: true);
        var quoted = plain.Select(b =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace(",ChatGPT,", ",\"ChatGPT\",").Replace(",GPT-4,", ",\"GPT-4\","))
        );
        return [.. plain, .. quoted];
    }

    [NeedsSharedData]
    [Fact(Timeout = 120_000)]
    public async Task Mutated_genuine_slices_are_read_or_rejected_with_the_documented_error()
    {
        var seeds = SeedsWithBothPaths();
        var (accepted, rejected) = await Task.Run(
            () => FuzzRunner.Run(Format, seeds, runSeed: 14, cases: 2 * FuzzRunner.Cases, cancellation: TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken
        );
        Assert.True(accepted > 0 && rejected > 0, $"the mutations should both keep and break files (accepted {accepted}, rejected {rejected})");
    }

    [NeedsSharedData]
    [Fact]
    public void The_fast_path_and_CsvHelper_read_genuine_slices_identically()
    {
        foreach (var slice in Seeds.TraceSlices("burstgpt_1_first7days.csv", hasHeader: true, slices: 8, rows: 200))
        {
            var fast = BurstGptReader.Read(new MemoryStream(slice), "slice.csv");
            var csvHelper = BurstGptReader.Read(new StreamReader(new MemoryStream(slice)), "slice.csv");
            Assert.Equal(200, fast.Count);
            Assert.Equal(csvHelper.Timestamps, fast.Timestamps);
            Assert.Equal(csvHelper.RequestTokens, fast.RequestTokens);
            Assert.Equal(csvHelper.ResponseTokens, fast.ResponseTokens);
            Assert.Equal(csvHelper.Models, fast.Models);
            Assert.Equal(csvHelper.LogTypes, fast.LogTypes);
        }
    }

    [Fact]
    public void The_issue_14_stray_quote_in_the_CsvHelper_path_names_file_line_and_column()
    {
        var e = Assert.Throws<TraceFormatException>(() => Format.Read(new MemoryStream(Regressions.Read("burstgpt-issue14-stray-quote.csv")), "b.csv"));
        Assert.Equal((3L, "Model"), (e.Line, e.Column));
    }

    [Fact]
    public void A_two_gigabyte_line_is_rejected_after_reading_about_one_mebibyte()
    {
        // Seekable input takes the fast path; a stream that cannot seek goes through CsvHelper: both are bounded.
        var fast = new GeneratedStream(
            "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,"u8.ToArray(),
            "x"u8.ToArray(),
            HugeInput.TwoGigabytes
        );
        var e = HugeInput.Rejects<TraceFormatException>(
            fast,
            s => BurstGptReader.Read(new StreamReader(s), "big.csv"),
            maxConsumed: 4 << 20,
            maxAllocated: 64 << 20
        );
        Assert.Equal(2, e.Line);
        var header = new GeneratedStream("Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type"u8.ToArray(), ",c"u8.ToArray(), 20_000_068L);
        HugeInput.Rejects<TraceFormatException>(header, s => BurstGptReader.Read(s, "wide.csv"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
    }

    [Fact]
    public void A_two_gigabyte_line_is_rejected_by_the_fast_path()
    {
        var bytes = new SeekableGenerated(
            "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,"u8.ToArray(),
            (byte)'x',
            HugeInput.TwoGigabytes
        );
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(bytes, "big.csv"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 128 << 20); // the columns are presized for at most 2M rows
        Assert.True(bytes.Position < 4 << 20, $"read {bytes.Position:N0} bytes");
        Assert.Equal(2, e.Line);
        Assert.Contains("longer than 1,048,576 characters", e.Message);
    }

    [Fact]
    public void A_header_with_more_columns_than_the_limit_is_rejected_by_both_paths()
    {
        string header = "Timestamp,Request tokens,Response tokens" + string.Concat(Enumerable.Repeat(",x", InputLimits.MaxColumns)) + "\n1,2,3\n";
        var fast = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(header)), "wide.csv"));
        var csvHelper = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(new StringReader(header), "wide.csv"));
        Assert.Equal(fast.Message, csvHelper.Message);
    }

    /// <summary>A seekable version of <see cref="GeneratedStream"/> (a prefix, then one byte repeated), for the fast path.</summary>
    private sealed class SeekableGenerated(byte[] prefix, byte fill, long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - Position);
            for (int i = 0; i < n; i++)
            {
                long at = Position + i;
                buffer[offset + i] = at < prefix.Length ? prefix[at] : fill;
            }

            Position += n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) =>
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => Position + offset,
                _ => length + offset,
            };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
