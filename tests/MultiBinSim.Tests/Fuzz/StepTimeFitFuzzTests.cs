using System.Globalization;
using System.Text;
using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// Step-time fit CSVs (<c>fit:CSV</c>): reading (<see cref="StepTimeCsv"/>) and fitting (<see cref="StepTimeFit"/>),
/// as <see cref="StepTimeModels.Parse"/> does, under mutation. A damaged file, including one whose rows cannot be
/// fitted (a constant or dependent column), is rejected with <see cref="InputFileException"/>; an accepted one gives
/// finite, non-negative terms and an R^2 of at most 1.
/// </summary>
public class StepTimeFitFuzzTests
{
    /// <summary>The known model of the seeds: 5 ms base, 0.1 ms per sequence, 20 us per prompt token, 0.1 us per KV token.</summary>
    private const double Base = 5e-3,
        PerSequence = 1e-4,
        PerPrefillToken = 2e-5,
        PerKvToken = 1e-7;

    internal static readonly FuzzFormat<(IReadOnlyList<StepTimeSample> Rows, StepTimeFit Fit)> Format = new()
    {
        Name = "stepfit",
        FileName = "fuzz-steps.csv",
        Read = ReadAndFit,
        CheckAccepted = (result, input) =>
        {
            var (rows, fit) = result;
            Assert.InRange(rows.Count, StepTimeCsv.MinimumRows, TraceChecks.LineCount(input));
            Assert.Equal(rows.Count, fit.Rows);
            Assert.All(rows, r =>
                Assert.True(r.Sequences >= 1 && r.PrefillTokens >= 0 && r.DecodeContextTokens >= 0 && double.IsFinite(r.Seconds) && r.Seconds > 0, r.ToString())
            );
            var m = fit.Model;
            Assert.All([m.Base, m.PerSequence, m.PerPrefillToken, m.PerKvToken], t => Assert.True(double.IsFinite(t) && t >= 0, $"term {t} in {fit.Summary}"));
            Assert.True(double.IsFinite(fit.RSquared) && fit.RSquared <= 1 + 1e-9, $"R^2 {fit.RSquared}");
            Assert.All(rows, r => Assert.True(double.IsFinite(m.IterationTime(1, r.PrefillTokens, r.DecodeContextTokens)), r.ToString()));
            Assert.DoesNotContain('\n', fit.Summary);
        },
    };

    private static (IReadOnlyList<StepTimeSample>, StepTimeFit) ReadAndFit(Stream stream, string path)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var rows = StepTimeCsv.Read(reader, path);
        return (rows, StepTimeFit.Fit(rows, path, "fit:" + path));
    }

    /// <summary>The time of one iteration under the known model.</summary>
    private static double Seconds(long sequences, long prefill, long kv) => Base + PerSequence * sequences + PerPrefillToken * prefill + PerKvToken * kv;

    /// <summary>Noiseless rows of the known model, with the three counts varied independently (a full-rank design).</summary>
    private static string SeedText(int rows, string newline, string header)
    {
        var text = new StringBuilder(header).Append(newline);
        for (int i = 0; i < rows; i++)
        {
            long sequences = 1 + (i * 7 % 13);
            long prefill = i % 3 == 0 ? 0 : 128 * (i % 5 + 1);
            long kv = 256 * (i * 5 % 11) + 64 * sequences;
            text.Append(
                    CultureInfo.InvariantCulture,
                    $"{sequences},{prefill},{kv},{Seconds(sequences, prefill, kv).ToString("R", CultureInfo.InvariantCulture)}"
                )
                .Append(newline);
        }

        return text.ToString();
    }

    private static IReadOnlyList<byte[]> FitSeeds() =>
        [
            Encoding.UTF8.GetBytes(SeedText(12, "\n", StepTimeCsv.Header)),
            Encoding.UTF8.GetBytes(SeedText(6, "\r\n", StepTimeCsv.Header).TrimEnd()),
            Encoding.UTF8.GetBytes(Reordered(SeedText(8, "\n", "seconds, decode_context_tokens, SEQUENCES, prefill_tokens"))),
        ];

    /// <summary>Reorders the data rows' fields to match the header <c>seconds, decode_context_tokens, SEQUENCES, prefill_tokens</c>.</summary>
    private static string Reordered(string text)
    {
        var lines = text.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                string[] f = lines[i].Split(',');
                lines[i] = string.Join(",", f[3], " " + f[2], " " + f[0], " " + f[1]);
            }
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void The_seeds_recover_the_known_model()
    {
        foreach (var seed in FitSeeds())
        {
            var (_, fit) = ReadAndFit(new MemoryStream(seed), "seed.csv");
            Assert.Equal(Base, fit.Model.Base, 1e-9);
            Assert.Equal(PerSequence, fit.Model.PerSequence, 1e-10);
            Assert.Equal(PerPrefillToken, fit.Model.PerPrefillToken, 1e-11);
            Assert.Equal(PerKvToken, fit.Model.PerKvToken, 1e-13);
            Assert.Equal(1.0, fit.RSquared, 1e-9);
            Assert.Empty(fit.ZeroedTerms);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Mutated_fit_csvs_are_fitted_or_rejected_with_the_documented_error()
    {
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, FitSeeds(), runSeed: 14, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Lone_carriage_returns_end_lines_as_in_the_trace_readers()
    {
        // Found by this fuzz run: a lone \r was kept inside a field, so the file was one line whose error message
        // spanned several lines. Lines now end at \n, \r\n or a lone \r.
        var (rows, fit) = ReadAndFit(new MemoryStream(Regressions.Read("stepfit-lone-cr-line-endings.csv")), "cr.csv");
        Assert.Equal(11, rows.Count);
        Assert.Equal(PerKvToken, fit.Model.PerKvToken, 1e-13);
        var e = Assert.Throws<InputFileException>(() =>
            ReadAndFit(new MemoryStream("sequences,prefill_tokens,decode_context_tokens,seconds\r\n1,0,64,x\r2,0,0,1\r\n"u8.ToArray()), "cr.csv")
        );
        Assert.Equal((2L, "seconds"), (e.Line!.Value, e.Column));
    }

    [Fact]
    public void An_iteration_time_near_the_largest_double_is_rejected_on_its_line()
    {
        // Found by this fuzz run: 0.1e308 seconds overflowed the fit's sums of squares to infinity and the fit ended in a
        // NullReferenceException. The reader now caps an iteration time at StepTimeCsv.MaxSeconds.
        var e = Assert.Throws<InputFileException>(() =>
            ReadAndFit(new MemoryStream(Regressions.Read("stepfit-seconds-near-double-max.csv")), "big-seconds.csv")
        );
        Assert.Equal((7L, StepTimeCsv.SecondsColumn), (e.Line!.Value, e.Column));
        Assert.StartsWith("big-seconds.csv:7:", e.Message);
    }

    [Fact]
    public void A_two_gigabyte_data_line_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream(Encoding.UTF8.GetBytes(StepTimeCsv.Header + "\n1,128,"), "0"u8.ToArray(), HugeInput.TwoGigabytes);
        var e = HugeInput.Rejects<InputFileException>(stream, s => ReadAndFit(s, "big.csv"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(2, e.Line);
        Assert.Contains("big.csv", e.Message);
    }

    [Fact]
    public void A_two_gigabyte_header_line_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream("sequences,"u8.ToArray(), "x"u8.ToArray(), HugeInput.TwoGigabytes);
        var e = HugeInput.Rejects<InputFileException>(stream, s => ReadAndFit(s, "big.csv"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(1, e.Line);
    }
}
