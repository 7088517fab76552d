using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Fetch;

public class DatasetFetcherTests
{
    private static readonly BurstGptRelease Small = new("BurstGPT_1.csv", 5, 5, BurstGptRelease.All[0].FirstRows);

    private static string Fixture(int rows = 5) =>
        BurstGptRelease.Header
        + "\n"
        + string.Join("\n", BurstGptRelease.All[0].FirstRows)
        + "\n"
        + string.Concat(Enumerable.Range(0, rows - 3).Select(i => $"{200 + i},ChatGPT,{10 + i},{5 + i},{15 + 2 * i},Conversation log\n"));

    [Fact]
    public async Task A_verified_download_lands_under_its_final_name_with_a_manifest_entry()
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        server.Add("BurstGPT_1.csv", Fixture());
        using var client = new HttpClient();
        var result = await new DatasetFetcher(client).FetchAsync(server.Url("files/BurstGPT_1.csv"), tmp.Folder, Small);
        Assert.Equal(Path.Combine(tmp.Folder, "BurstGPT_1.csv"), result.Path);
        Assert.Equal(Fixture(), File.ReadAllText(result.Path));
        Assert.Equal(5, result.Rows);
        Assert.False(File.Exists(result.Path + ".partial"));
        string manifest = File.ReadAllText(Path.Combine(tmp.Folder, DatasetFetcher.ManifestName));
        Assert.Contains($"| BurstGPT_1.csv | {server.Url("files/BurstGPT_1.csv")} |", manifest);
        Assert.Contains(result.Sha256, manifest);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(result.Path))), result.Sha256);
    }

    [Fact]
    public async Task A_404_is_a_clear_error_and_leaves_no_file()
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        using var client = new HttpClient();
        var e = await Assert.ThrowsAsync<FetchException>(() => new DatasetFetcher(client).FetchAsync(server.Url("missing/BurstGPT_1.csv"), tmp.Folder, Small));
        Assert.Contains("HTTP 404", e.Message);
        Assert.Empty(Directory.GetFiles(tmp.Folder));
    }

    [Fact]
    public async Task A_truncated_body_fails_keeps_only_a_partial_file_and_resumes_later()
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        server.Add("BurstGPT_1.csv", Fixture());
        using var client = new HttpClient();
        var fetcher = new DatasetFetcher(client);
        var e = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(server.Url("truncated/BurstGPT_1.csv"), tmp.Folder, Small));
        Assert.Contains("again to resume", e.Message);
        Assert.False(File.Exists(Path.Combine(tmp.Folder, "BurstGPT_1.csv")));
        long partial = new FileInfo(Path.Combine(tmp.Folder, "BurstGPT_1.csv.partial")).Length;
        Assert.InRange(partial, 1, Fixture().Length - 1);

        var result = await fetcher.FetchAsync(server.Url("files/BurstGPT_1.csv"), tmp.Folder, Small);
        Assert.True(result.Resumed);
        Assert.Equal($"bytes={partial}-", server.RangeHeaders[^1]);
        Assert.Equal(Fixture(), File.ReadAllText(result.Path));
    }

    [Fact]
    public async Task An_interrupted_download_resumes_with_a_range_request()
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        server.Add("BurstGPT_1.csv", Fixture(2_000));
        var release = Small with { MinRows = 2_000, MaxRows = 2_000 };
        using var client = new HttpClient();
        var fetcher = new DatasetFetcher(client);
        await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(server.Url("flaky/BurstGPT_1.csv"), tmp.Folder, release));
        var result = await fetcher.FetchAsync(server.Url("flaky/BurstGPT_1.csv"), tmp.Folder, release);
        Assert.True(result.Resumed);
        Assert.StartsWith("bytes=", server.RangeHeaders[^1]);
        Assert.Equal(Fixture(2_000), File.ReadAllText(result.Path));
    }

    [Theory]
    [InlineData("Timestamp,Request tokens,Response tokens\n1,2,3\n", "header")]
    [InlineData("Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n6,ChatGPT,472,18,490,Conversation log\n", "data row 1")]
    public async Task A_file_that_is_not_the_release_is_rejected_and_removed(string content, string problem)
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        server.Add("BurstGPT_1.csv", content);
        using var client = new HttpClient();
        var e = await Assert.ThrowsAsync<FetchException>(() => new DatasetFetcher(client).FetchAsync(server.Url("files/BurstGPT_1.csv"), tmp.Folder, Small));
        Assert.Contains(problem, e.Message);
        Assert.Empty(Directory.GetFiles(tmp.Folder));
    }

    [Fact]
    public async Task A_row_count_outside_the_published_range_is_rejected()
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        server.Add("BurstGPT_1.csv", Fixture(7));
        using var client = new HttpClient();
        var e = await Assert.ThrowsAsync<FetchException>(() => new DatasetFetcher(client).FetchAsync(server.Url("files/BurstGPT_1.csv"), tmp.Folder, Small));
        Assert.Contains("has 7 data rows; the published file has 5", e.Message);
    }

    [Fact]
    public async Task No_server_is_a_clear_error()
    {
        using var tmp = new TempFiles();
        using var client = new HttpClient();
        var url = new Uri($"http://127.0.0.1:{FixtureServer.FreePort()}/BurstGPT_1.csv");
        var e = await Assert.ThrowsAsync<FetchException>(() => new DatasetFetcher(client).FetchAsync(url, tmp.Folder, Small));
        Assert.Contains("could not reach 127.0.0.1", e.Message);
        Assert.Empty(Directory.GetFiles(tmp.Folder));
    }

    [Fact]
    public void The_cli_downloads_and_verifies_a_full_size_release_from_a_url()
    {
        using var server = new FixtureServer();
        using var tmp = new TempFiles();
        // A file shaped like BurstGPT_1: its real first three rows, then synthetic rows up to 1,429,737 data rows.
        var synthetic = SyntheticBurstGpt.Generate(BurstGptRelease.All[0].MinRows is var n ? (int)n - 3 : 0);
        string body = Path.Combine(tmp.Folder, "body.csv");
        BurstGptWriter.Write(synthetic, body);
        var lines = File.ReadAllLines(body);
        server.Add("BurstGPT_1.csv", string.Join("\n", new[] { lines[0] }.Concat(BurstGptRelease.All[0].FirstRows).Concat(lines.Skip(1))) + "\n");
        string dest = Path.Combine(tmp.Folder, "data");
        var (code, stdout, stderr) = Cli.MbsimProcess.Run("data", "fetch", "burstgpt", "--dest", dest, "--url", server.Url("files/BurstGPT_1.csv").ToString());
        Assert.True(code == 0, stderr);
        Assert.Contains("1,429,737 data rows", stdout);
        Assert.True(File.Exists(Path.Combine(dest, "BurstGPT_1.csv")));
        var (missingCode, _, missingErr) = Cli.MbsimProcess.Run("data", "fetch", "burstgpt", "--dest", dest, "--url", server.Url("missing/x.csv").ToString());
        Assert.Equal(1, missingCode);
        Assert.Contains("HTTP 404", missingErr);
    }
}
