using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MultiBinSim.Workloads;

namespace MultiBinSim.Storage;

/// <summary>A download failed; the message says why and what to do. No file is left under the final name.</summary>
public sealed class FetchException(string message, Exception? inner = null) : MultiBinSim.Errors.UserInputException(message, inner)
{
    public override int ExitCode => BadInput;
}

/// <summary>The outcome of a verified download.</summary>
public sealed record FetchResult(string Path, long Bytes, long Rows, string Sha256, bool Resumed);

/// <summary>
/// Downloads a BurstGPT release file: into <c>NAME.partial</c> (resuming it with an HTTP range request when the server
/// allows), then verifies header, row count and first rows, and only then renames it to its final name and records
/// its SHA-256 in <c>DATASETS.md</c> beside it.
/// </summary>
public sealed class DatasetFetcher(HttpClient client)
{
    public const string ManifestName = "DATASETS.md";

    public async Task<FetchResult> FetchAsync(
        Uri url,
        string destinationFolder,
        BurstGptRelease expected,
        IProgress<(long Bytes, long? Total)>? progress = null,
        CancellationToken cancellation = default
    )
    {
        Directory.CreateDirectory(destinationFolder);
        string final = Path.Combine(destinationFolder, expected.FileName);
        string partial = final + ".partial";
        long existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        bool resumed = false;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(existing, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FetchException(
                $"could not reach {url.Host} ({e.Message}). Check the network, or download {expected.FileName} by hand and pass its path to --dataset.",
                e
            );
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
            {
                resumed = true; // the partial file already holds the whole body
            }
            else if (!response.IsSuccessStatusCode)
            {
                throw new FetchException($"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check --file and --url.");
            }
            else
            {
                resumed = response.StatusCode == HttpStatusCode.PartialContent;
                long offset = resumed ? existing : 0;
                long? total = response.Content.Headers.ContentLength is { } length ? offset + length : null;
                await using var body = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
                await using var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None);
                long written = offset;
                var buffer = new byte[1 << 16];
                try
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
                        written += read;
                        progress?.Report((written, total));
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new FetchException(
                        $"the download of {expected.FileName} broke off after {written:N0} bytes ({e.Message}). Run the same command again to resume.",
                        e
                    );
                }

                if (total is { } expectedBytes && written < expectedBytes)
                {
                    throw new FetchException(
                        $"the download of {expected.FileName} is truncated: {written:N0} of {expectedBytes:N0} bytes. Run the same command again to resume."
                    );
                }
            }
        }

        long rows;
        try
        {
            rows = Verify(partial, expected);
        }
        catch (FetchException)
        {
            File.Delete(partial); // complete but wrong: resuming it would never help
            throw;
        }

        string sha256;
        await using (var stream = File.OpenRead(partial))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation).ConfigureAwait(false));
        }

        long bytes = new FileInfo(partial).Length;
        File.Move(partial, final, overwrite: true);
        RecordInManifest(destinationFolder, expected.FileName, url, bytes, rows, sha256);
        return new FetchResult(final, bytes, rows, sha256, resumed);
    }

    /// <summary>Checks the exact header, the first rows and the row count; returns the number of data rows.</summary>
    public static long Verify(string path, BurstGptRelease expected)
    {
        using var reader = new StreamReader(path);
        // Lines are bounded (InputLimits.MaxLineChars), so a damaged download with a 2 GB line fails quickly.
        var lines = new LineScanner(reader, path, (_, line, problem) =>
            throw new FetchException($"{expected.FileName} is not a BurstGPT trace: line {line}: {problem}")
        );
        string? header = lines.TryReadLine(out var first) ? first.ToString().TrimStart('\uFEFF') : null;
        if (header != BurstGptRelease.Header)
        {
            throw new FetchException($"{expected.FileName} is not a BurstGPT trace: its header is '{Shorten(header)}', expected '{BurstGptRelease.Header}'.");
        }

        long rows = 0;
        while (lines.TryReadLine(out var text))
        {
            if (text.Length == 0)
            {
                continue;
            }

            if (rows < expected.FirstRows.Count && !text.SequenceEqual(expected.FirstRows[(int)rows]))
            {
                throw new FetchException(
                    $"{expected.FileName}: data row {rows + 1} is '{Shorten(text.ToString())}', but BurstGPT's is '{expected.FirstRows[(int)rows]}'."
                );
            }

            rows++;
        }

        if (rows < expected.MinRows || rows > expected.MaxRows)
        {
            string range = expected.MinRows == expected.MaxRows ? $"{expected.MinRows:N0}" : $"{expected.MinRows:N0} to {expected.MaxRows:N0}";
            throw new FetchException($"{expected.FileName} has {rows:N0} data rows; the published file has {range}.");
        }

        return rows;
    }

    private static void RecordInManifest(string folder, string fileName, Uri url, long bytes, long rows, string sha256)
    {
        string path = Path.Combine(folder, ManifestName);
        var now = DateTime.UtcNow;
        var fetched = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        DatasetManifest.Load(path).With(new DatasetManifestEntry(fileName, url.ToString(), bytes, rows, sha256, fetched)).Save(path);
    }

    private static string Shorten(string? text) =>
        text is null ? "(empty file)"
        : text.Length > 80 ? text[..80] + "..."
        : text;
}
