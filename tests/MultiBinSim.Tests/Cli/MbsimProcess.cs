using System.Diagnostics;

namespace MultiBinSim.Tests.Cli;

/// <summary>Runs the real <c>mbsim</c> (built beside the tests) as a child process and captures its output.</summary>
internal static class MbsimProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mbsim {string.Join(' ', args)} did not finish in 120 s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts mbsim without waiting (output discarded), for tests that kill it.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mbsim.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }
}
