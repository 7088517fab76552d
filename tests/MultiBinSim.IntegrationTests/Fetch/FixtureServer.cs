using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiBinSim.Tests.Fetch;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 serving fixture files, for download tests that must never touch the internet.
/// Routes: /files/NAME (honours Range), /missing (404), /truncated/NAME (announces the full length, sends half, drops),
/// /flaky/NAME (the first request breaks off half-way; later ones honour Range).
/// </summary>
internal sealed class FixtureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _flakyRequests;

    public FixtureServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public List<string?> RangeHeaders { get; } = [];

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

    public void Add(string name, string content) => _files[name] = Encoding.UTF8.GetBytes(content);

    public void Add(string name, byte[] content) => _files[name] = content;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // A client that went away, or a deliberately broken response: nothing to do.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        string[] parts = context.Request.Url!.AbsolutePath.Trim('/').Split('/');
        lock (RangeHeaders)
        {
            RangeHeaders.Add(context.Request.Headers["Range"]);
        }

        if (parts.Length != 2 || !_files.TryGetValue(parts[1], out var body))
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        switch (parts[0])
        {
            case "truncated":
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            case "flaky" when Interlocked.Increment(ref _flakyRequests) == 1:
                response.ContentLength64 = body.Length;
                response.AddHeader("Accept-Ranges", "bytes");
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            default:
                long start = 0;
                string? range = context.Request.Headers["Range"];
                if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
                {
                    start = long.Parse(range["bytes=".Length..].TrimEnd('-'));
                    if (start >= body.Length)
                    {
                        response.StatusCode = 416;
                        response.Close();
                        return;
                    }

                    response.StatusCode = 206;
                    response.AddHeader("Content-Range", $"bytes {start}-{body.Length - 1}/{body.Length}");
                }

                response.AddHeader("Accept-Ranges", "bytes");
                response.ContentLength64 = body.Length - start;
                await response.OutputStream.WriteAsync(body.AsMemory((int)start));
                response.Close();
                return;
        }
    }
}
