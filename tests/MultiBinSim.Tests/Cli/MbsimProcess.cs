using System.Diagnostics;

namespace MultiBinSim.Tests.Cli;

/// <summary>Runs the real <c>mbsim</c> (built beside the tests) as a child process and captures its output.</summary>
internal static class MbsimProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) =>
        Exec("dotnet", [Path.Combine(AppContext.BaseDirectory, "mbsim.dll"), .. args]);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> (and extra environment variables) to its end.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Exec(
        string program,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in 120 s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts mbsim without waiting (output discarded), for tests that kill it.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mbsim.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }
}
