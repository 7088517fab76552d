using System.Diagnostics;

namespace MultiBinSim.Experiments;

/// <summary>Provenance of a suite run, written into analysis.json.</summary>
public sealed record RunManifest(string ToolVersion, string? GitCommit, string Dataset, string DatasetSha256, bool SyntheticDataset,
    int MachineCores, DateTimeOffset Start, DateTimeOffset End, SuiteOptions Options)
{
    /// <summary>The commit of the working directory's git checkout, or null when there is none (or no git).</summary>
    public static string? FindGitCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            string output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            return git.ExitCode == 0 && output.Length >= 7 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
