using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiBinSim.Tests.Cluster;

/// <summary>
/// A single-node Slurm 22.05 cluster on 127.0.0.1, started by the test and private to it: munged on its own socket and
/// key, slurmctld and slurmd in the foreground from a slurm.conf written into a temporary folder (state, spool and logs
/// there too), on two free loopback ports, bound to 127.0.0.1 only (CommunicationParameters=NoCtldInAddrAny,NoInAddrAny).
/// <see cref="Dispose"/> cancels every job, stops each daemon by its PID, then kills by PID any process still carrying
/// this cluster's marker in its environment (job steps outlive slurmd), so nothing is left running, also on failure.
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    /// <summary>Environment variable set in the daemons and the submitting shell; every job and job step inherits it.</summary>
    public const string MarkerVariable = "MBSIM_SLURM_TEST_CLUSTER";

    private readonly List<(string Name, Process Process, StringBuilder Output)> _daemons = [];
    private readonly string _marker = Guid.NewGuid().ToString("N");

    private SlurmCluster(string folder)
    {
        Folder = folder;
    }

    /// <summary>The cluster's temporary folder (slurm.conf, munge/, state/, spool/, log/).</summary>
    public string Folder { get; }

    public string ConfigPath => Path.Combine(Folder, "slurm.conf");

    /// <summary>The daemons' PIDs, by name (munged, slurmctld, slurmd).</summary>
    public IReadOnlyDictionary<string, int> Pids => _daemons.ToDictionary(d => d.Name, d => d.Process.Id);

    /// <summary>Why the cluster cannot run on this machine (not Linux, Slurm not installed, not root), or null.</summary>
    public static string? Unavailable { get; } = WhyUnavailable();

    /// <summary>Starts the cluster, or skips the test with the reason when it cannot run here.</summary>
    public static SlurmCluster StartOrSkip(TimeSpan readyTimeout)
    {
        if (Unavailable is not null)
        {
            Assert.Skip(Unavailable);
        }

        string folder = Path.Combine(Path.GetTempPath(), "mbsim-slurm-" + Guid.NewGuid().ToString("N")[..12]);
        var cluster = new SlurmCluster(folder);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException();
            }

            cluster.Start(readyTimeout);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The environment a Slurm client (or a script calling one) needs to talk to this cluster.</summary>
    public void AddEnvironment(ProcessStartInfo start)
    {
        start.Environment["SLURM_CONF"] = ConfigPath;
        start.Environment[MarkerVariable] = _marker;
    }

    /// <summary>Runs a program (a Slurm client, bash) against this cluster and returns its exit code and output.</summary>
    public (int ExitCode, string Stdout, string Stderr) Run(
        string program,
        IEnumerable<string> args,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var start = new ProcessStartInfo(Find(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        AddEnvironment(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Polls squeue every 0.5 s until no job is left; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitForEmptyQueueAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var (code, stdout, _) = Run("squeue", ["-h", "-o", "%i"], TimeSpan.FromSeconds(30));
            if (code == 0 && stdout.Trim().Length == 0)
            {
                return true;
            }

            await Task.Delay(500, cancellation);
        }

        return false;
    }

    /// <summary>A job's state as slurmctld still remembers it (e.g. COMPLETED, FAILED, CANCELLED).</summary>
    public string JobState(string jobId)
    {
        var (_, stdout, stderr) = Run("scontrol", ["show", "job", jobId], TimeSpan.FromSeconds(30));
        int at = stdout.IndexOf("JobState=", StringComparison.Ordinal);
        return at < 0 ? $"unknown ({stdout}{stderr})".Trim() : stdout[(at + "JobState=".Length)..].Split(' ', '\n')[0];
    }

    /// <summary>The daemons' logs and console output, for failure messages.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var (name, process, output) in _daemons)
        {
            lock (output)
            {
                text.AppendLine($"--- {name} (pid {process.Id}) console:").AppendLine(Tail(output.ToString()));
            }
        }

        foreach (string log in Directory.Exists(Path.Combine(Folder, "log")) ? Directory.GetFiles(Path.Combine(Folder, "log")) : [])
        {
            text.AppendLine($"--- {log}:").AppendLine(Tail(File.ReadAllText(log)));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        if (_daemons.Any(d => d.Name == "slurmctld" && !d.Process.HasExited))
        {
            try
            {
                Run("scancel", ["--user=root"], TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Best effort: the processes are killed by PID below in any case.
            }
        }

        // Stop in reverse order of start: slurmd, slurmctld, then munged (Slurm commands hang without munged).
        foreach (var (_, process, _) in Enumerable.Reverse(_daemons))
        {
            Stop(process);
        }

        // Job steps (slurmstepd and the jobs' processes) are not children of slurmd: find them by the marker.
        foreach (int pid in ProcessesWithMarker())
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
                leftover.WaitForExit(5000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        foreach (var (_, process, _) in _daemons)
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, like TempFiles.
        }
    }

    /// <summary>PIDs of processes (other than this one) whose environment carries this cluster's marker.</summary>
    public IReadOnlyList<int> ProcessesWithMarker()
    {
        var pids = new List<int>();
        string needle = $"{MarkerVariable}={_marker}";
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Split('\0').Contains(needle))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended, or is not readable.
            }
        }

        return pids;
    }

    /// <summary>Loopback addresses the cluster's daemons listen on, from <c>ss -ltnp</c> (null when ss is not installed).</summary>
    public IReadOnlyList<string>? ListeningAddresses()
    {
        if (Find("ss") is null)
        {
            return null;
        }

        var (_, stdout, _) = Run("ss", ["-H", "-ltnp"], TimeSpan.FromSeconds(10));
        var pids = _daemons.Select(d => $"pid={d.Process.Id},").ToArray();
        return stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => pids.Any(p => line.Contains(p, StringComparison.Ordinal)))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])
            .ToArray();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void Start(TimeSpan readyTimeout)
    {
        var clock = Stopwatch.StartNew();
        string munge = Path.Combine(Folder, "munge");
        foreach (string dir in new[] { Folder, munge, Path.Combine(Folder, "state"), Path.Combine(Folder, "spool"), Path.Combine(Folder, "log") })
        {
            Directory.CreateDirectory(dir);
            // munged refuses a socket directory others can write to, and clients need to reach it: 755.
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        // A private key for a private munged: /etc/munge is never touched.
        string key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        string socket = Path.Combine(munge, "munge.socket.2");
        StartDaemon(
            "munged",
            [
                "-F",
                $"--socket={socket}",
                $"--key-file={key}",
                $"--pid-file={Path.Combine(munge, "munged.pid")}",
                $"--seed-file={Path.Combine(munge, "munged.seed")}",
                $"--log-file={Path.Combine(Folder, "log", "munged.log")}",
            ]
        );
        WaitFor(() => File.Exists(socket), readyTimeout - clock.Elapsed, "munged's socket");

        var (ctldPort, slurmdPort) = (FreePort(), FreePort());
        File.WriteAllText(ConfigPath, Config(socket, ctldPort, slurmdPort));
        StartDaemon("slurmctld", ["-D", "-c", "-f", ConfigPath]);
        StartDaemon("slurmd", ["-D", "-N", "localhost", "-f", ConfigPath]);
        WaitFor(
            () =>
            {
                var (code, stdout, _) = Run("sinfo", ["-h", "-o", "%T"], TimeSpan.FromSeconds(10));
                return code == 0 && stdout.Trim() == "idle";
            },
            readyTimeout - clock.Elapsed,
            "the node to become idle in sinfo"
        );
    }

    private string Config(string mungeSocket, int ctldPort, int slurmdPort) =>
        string.Join(
            '\n',
            [
                "ClusterName=mbsimtest",
                "SlurmctldHost=localhost(127.0.0.1)",
                $"SlurmctldPort={ctldPort}",
                $"SlurmdPort={slurmdPort}",
                "CommunicationParameters=NoCtldInAddrAny,NoInAddrAny",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                $"AuthInfo=socket={mungeSocket}",
                "SlurmUser=root",
                "SlurmdUser=root",
                $"StateSaveLocation={Path.Combine(Folder, "state")}",
                $"SlurmdSpoolDir={Path.Combine(Folder, "spool")}",
                $"SlurmctldPidFile={Path.Combine(Folder, "slurmctld.pid")}",
                $"SlurmdPidFile={Path.Combine(Folder, "slurmd.pid")}",
                $"SlurmctldLogFile={Path.Combine(Folder, "log", "slurmctld.log")}",
                $"SlurmdLogFile={Path.Combine(Folder, "log", "slurmd.log")}",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "SchedulerType=sched/backfill",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "SchedulerParameters=sched_interval=1,kill_invalid_depend",
                // Slurm 22.05 reads kill_invalid_depend here (measured: under SchedulerParameters alone, a job whose dependency
                // failed stays pending with reason DependencyNeverSatisfied); with it, it is cancelled within about 2 s.
                "DependencyParameters=kill_invalid_depend",
                "ReturnToService=2",
                "MpiDefault=none",
                $"NodeName=localhost NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} State=UNKNOWN",
                "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
                "",
            ]
        );

    private void StartDaemon(string name, string[] args)
    {
        var start = new ProcessStartInfo(Find(name)!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        AddEnvironment(start);
        var output = new StringBuilder();
        var process = Process.Start(start)!;
        DataReceivedEventHandler append = (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add((name, process, output));
    }

    private void WaitFor(Func<bool> ready, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            var died = _daemons.FirstOrDefault(d => d.Process.HasExited);
            if (died.Process is not null)
            {
                throw new InvalidOperationException($"{died.Name} exited with code {died.Process.ExitCode} while waiting for {what}.\n{Diagnostics()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out waiting for {what}.\n{Diagnostics()}");
            }

            Thread.Sleep(100);
        }
    }

    private static void Stop(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM first, so the daemon cleans up (sockets, pid files); SIGKILL if it does not exit.
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            kill?.WaitForExit(5000);
        }

        if (!process.WaitForExit(10_000))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "The Slurm cluster test runs on Linux only.";
        }

        var missing = new[] { "munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "scontrol", "scancel" }.Where(p => Find(p) is null).ToArray();
        if (missing.Length > 0)
        {
            return $"Slurm is not installed ({string.Join(", ", missing)} not found); install it with `apt-get install -y slurmctld slurmd slurm-client munge` (as .ci/run does).";
        }

        return Environment.UserName != "root" ? $"The Slurm cluster test starts slurmd, which must run as root (running as {Environment.UserName})." : null;
    }

    private static string? Find(string program)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return dirs.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
