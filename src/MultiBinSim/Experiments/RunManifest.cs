using System.Diagnostics;
using System.Text.Json;

namespace MultiBinSim.Experiments;

/// <summary>Provenance of a suite run, written into analysis.json.</summary>
public sealed record RunManifest(
    string ToolVersion,
    string? GitCommit,
    string Dataset,
    string DatasetSha256,
    bool SyntheticDataset,
    int MachineCores,
    DateTimeOffset Start,
    DateTimeOffset End,
    SuiteOptions Options
)
{
    /// <summary>
    /// The provenance every manifest opens with (analysis.json, capacity_search.json, a sweep's NAME.json): tool version,
    /// git commit (null without one), the dataset (its full path, or "synthetic ..."), its SHA-256 and whether it is synthetic.
    /// </summary>
    public static void WriteProvenance(Utf8JsonWriter json, string toolVersion, string? gitCommit, string dataset, string datasetSha256, bool synthetic)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteString("tool_version", toolVersion);
        if (gitCommit is null)
        {
            json.WriteNull("git_commit");
        }
        else
        {
            json.WriteString("git_commit", gitCommit);
        }

        json.WriteString("dataset", synthetic ? "synthetic (generated BurstGPT-shaped trace)" : Path.GetFullPath(dataset));
        json.WriteString("dataset_sha256", datasetSha256);
        json.WriteBoolean("synthetic_dataset", synthetic);
    }

    /// <summary>The commit of the working directory's git checkout, or null when there is none (or no git).</summary>
    public static string? FindGitCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
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
