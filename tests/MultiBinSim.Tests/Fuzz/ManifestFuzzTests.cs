using System.Text;
using MultiBinSim.Errors;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fuzz;

public class ManifestFuzzTests
{
    internal static readonly FuzzFormat<DatasetManifest> Format = new()
    {
        Name = "manifest",
        FileName = "fuzz-DATASETS.md",
        Read = DatasetManifest.Read,
        CheckAccepted = (manifest, _) =>
        {
            Assert.All(manifest.Entries, e =>
            {
                Assert.True(e.File.Length > 0 && e.Bytes >= 0 && e.Rows >= 0);
                Assert.Matches("^[0-9a-f]{64}$", e.Sha256);
            });
            // What the fetcher writes back reads the same.
            var again = DatasetManifest.Read(new MemoryStream(Encoding.UTF8.GetBytes(manifest.ToString())), "again.md");
            Assert.Equal(manifest.Entries, again.Entries);
        },
    };

    private static readonly DatasetManifestEntry First = new(
        "BurstGPT_1.csv",
        "https://github.com/HPMLL/BurstGPT/releases/download/v1.1/BurstGPT_1.csv",
        52_283_111,
        1_429_737,
        "4bb3783693d0a435686fbfc885615d2349bd067239079fa4b749f2e679e12122",
        new DateTime(2026, 11, 28, 4, 40, 0, DateTimeKind.Utc)
    );

    private static readonly DatasetManifestEntry Second = First with
    {
        File = "BurstGPT_2.csv",
        Source = "http://127.0.0.1:5000/BurstGPT_2.csv",
        Bytes = 1234,
        Rows = 20,
    };

    /// <summary>Manifests as <c>mbsim data fetch</c> writes them: one and two files recorded.</summary>
    private static IReadOnlyList<byte[]> ManifestSeeds() =>
        [
            Encoding.UTF8.GetBytes(DatasetManifest.Empty().With(First).ToString()),
            Encoding.UTF8.GetBytes(DatasetManifest.Empty().With(First).With(Second).ToString()),
        ];

    [Fact(Timeout = 120_000)]
    public async Task Mutated_manifests_are_read_or_rejected_with_the_documented_error()
    {
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, ManifestSeeds(), runSeed: 14, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Recording_a_file_again_replaces_its_row_and_keeps_the_others()
    {
        var manifest = DatasetManifest.Empty().With(First).With(Second).With(First with { Rows = 7 });
        var read = DatasetManifest.Read(new MemoryStream(Encoding.UTF8.GetBytes(manifest.ToString())), "DATASETS.md");
        Assert.Equal([Second, First with { Rows = 7 }], read.Entries);
        Assert.Contains("# Datasets", manifest.ToString());
    }

    [Theory]
    [InlineData("| a.csv | u | 12x | 3 | 4bb3783693d0a435686fbfc885615d2349bd067239079fa4b749f2e679e12122 | 2026-11-28 04:40 |", "bytes")]
    [InlineData("| a.csv | u | 12 | -3 | 4bb3783693d0a435686fbfc885615d2349bd067239079fa4b749f2e679e12122 | 2026-11-28 04:40 |", "data rows")]
    [InlineData("| a.csv | u | 12 | 3 | 4bb37836 | 2026-11-28 04:40 |", "sha256")]
    [InlineData("| a.csv | u | 12 | 3 | 4bb3783693d0a435686fbfc885615d2349bd067239079fa4b749f2e679e12122 | 2026-13-28 04:40 |", "fetched (UTC)")]
    [InlineData("| a.csv | u | 12 | 3 |", null)]
    public void A_damaged_row_names_its_line_and_column(string row, string? column)
    {
        string text = DatasetManifest.Empty().ToString() + row + "\n";
        var e = Assert.Throws<InputFileException>(() => DatasetManifest.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "DATASETS.md"));
        Assert.Equal((7L, column), (e.Line, e.Column));
    }

    [Fact]
    public void A_two_gigabyte_line_is_rejected_after_reading_about_one_mebibyte()
    {
        var stream = new GeneratedStream("# Datasets\n\n"u8.ToArray(), "-"u8.ToArray(), HugeInput.TwoGigabytes);
        var e = HugeInput.Rejects<InputFileException>(stream, s => DatasetManifest.Read(s, "DATASETS.md"), maxConsumed: 4 << 20, maxAllocated: 64 << 20);
        Assert.Equal(3, e.Line);
    }
}
