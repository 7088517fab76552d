using MultiBinSim.Latency;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

public class CalibrationFuzzTests
{
    internal static readonly FuzzFormat<IReadOnlyList<CalibrationPoint>> Format = new()
    {
        Name = "calibration",
        FileName = "fuzz-grid.csv",
        Read = CalibrationGrid.Read,
        CheckAccepted = (points, input) =>
        {
            Assert.InRange(points.Count, 3, TraceChecks.LineCount(input));
            Assert.All(points, p =>
                Assert.True(p.BatchSize >= 1 && p.MaxSequenceLength >= 0 && double.IsFinite(p.MeanLatencySeconds) && p.MeanLatencySeconds > 0, p.ToString())
            );
        },
    };

    /// <summary>The grid the kit ships (embedded in the library), and slices of it.</summary>
    private static IReadOnlyList<byte[]> GridSeeds()
    {
        using var stream = typeof(CalibrationGrid).Assembly.GetManifestResourceStream(CalibrationGrid.DefaultResourceName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var lines = System.Text.Encoding.UTF8.GetString(copy.ToArray()).TrimEnd('\n').Split('\n');
        return
        [
            copy.ToArray(),
            System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(6))),
            System.Text.Encoding.UTF8.GetBytes(string.Join('\n', [lines[0], .. lines.Skip(lines.Length / 2).Take(5)]) + "\n"),
        ];
    }

    [Fact(Timeout = 120_000)]
    public async Task Mutated_grids_are_read_or_rejected_with_the_documented_error()
    {
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, GridSeeds(), runSeed: 14, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_issue_14_unterminated_quote_names_file_and_line()
    {
        var e = Assert.Throws<TraceFormatException>(() =>
            CalibrationGrid.Read(new MemoryStream(Regressions.Read("calibration-issue14-unterminated-quote.csv")), "grid.csv")
        );
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void A_two_gigabyte_line_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream("batch_size,max_seq_len,mean_latency_sec\n1,128,\""u8.ToArray(), "0"u8.ToArray(), HugeInput.TwoGigabytes);
        var e = HugeInput.Rejects<TraceFormatException>(stream, s => CalibrationGrid.Read(s, "big.csv"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(2, e.Line);
    }
}
