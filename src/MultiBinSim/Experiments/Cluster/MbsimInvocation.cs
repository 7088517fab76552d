using System.Reflection;

namespace MultiBinSim.Experiments.Cluster;

/// <summary>How to start, by absolute path, the mbsim this process is: jobs on a shared file system call the same build.</summary>
public static class MbsimInvocation
{
    /// <summary>
    /// The current process's command: <c>[dotnet, /abs/mbsim.dll]</c> when started as <c>dotnet mbsim.dll</c> (or
    /// <c>dotnet run</c>), else the executable itself (the apphost, a published mbsim, or a .NET tool's shim).
    /// </summary>
    public static IReadOnlyList<string> Current() =>
        For(
            Environment.ProcessPath ?? throw new InvalidOperationException("The path of the current process is unknown."),
            Assembly.GetEntryAssembly()?.Location
        );

    /// <summary>The command for a process at <paramref name="processPath"/> whose entry assembly is at <paramref name="entryAssembly"/>.</summary>
    public static IReadOnlyList<string> For(string processPath, string? entryAssembly)
    {
        string process = Path.GetFullPath(processPath);
        string name = Path.GetFileNameWithoutExtension(process);
        if (!name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return [process];
        }

        if (string.IsNullOrEmpty(entryAssembly))
        {
            throw new InvalidOperationException("Started by the dotnet host, but the entry assembly has no file location (single-file bundle?).");
        }

        return [process, Path.GetFullPath(entryAssembly)];
    }
}
