using System.Globalization;
using System.Text;

namespace MultiBinSim.Experiments.Cluster;

/// <summary>
/// Writes <c>submit.sh</c> for a <see cref="SlurmJob"/>: a bash script that, run on a login node, submits with
/// <c>sbatch --parsable</c> one job array per stage (shard I runs <c>--shard I/N --parallel $SLURM_CPUS_PER_TASK</c>
/// into its own folder), after each array a merge job (<c>--dependency=afterok:ARRAY</c>) running
/// <c>mbsim results merge</c> into the output folder, the next array depending on that merge, and in the last merge job
/// the command itself on the merged folder (every test is stored, so it only writes the analysis and charts). It prints
/// the last job's id on its last line. Job scripts go to sbatch on standard input, so the script is self-contained.
/// </summary>
public static class SlurmScript
{
    /// <summary>The script's file name in the output folder.</summary>
    public const string FileName = "submit.sh";

    private const string Delimiter = "MBSIM_JOB";

    /// <summary>The text of <c>submit.sh</c> for <paramref name="job"/> (validated first).</summary>
    public static string Create(SlurmJob job)
    {
        job.Validate();
        var text = new StringBuilder();
        string command = ShellWords.Join(job.Mbsim.Append(job.Command));
        string shards = job.Shards.ToString(CultureInfo.InvariantCulture);
        Line(text, "#!/usr/bin/env bash");
        Line(text, $"# Runs `mbsim {job.Command}` on a Slurm cluster: {Plan(job)}.");
        if (job.GeneratedBy is { } generatedBy)
        {
            Line(text, $"# Written by: {generatedBy.ReplaceLineEndings(" ")}");
        }

        Line(text, "# Run it with bash on a login node; it only submits jobs, and prints the last job's id on its last line.");
        Line(text, "# MBSIM_CPUS_PER_TASK sets every job's CPUs (a shard's --parallel); unset, the most CPUs a node of the partition");
        Line(text, $"# has (sinfo), at most {job.CpusPerTask} ({job.CpusPerTask} when sinfo says nothing). MBSIM_SBATCH_OPTIONS");
        Line(text, "# adds sbatch options to every job, e.g. MBSIM_SBATCH_OPTIONS='--partition=short --time=01:00:00'.");
        Line(text, "set -euo pipefail");
        Line(text, $"out={ShellWords.Quote(job.OutputFolder)}");
        Line(text, "read -r -a sbatch_options <<< \"${MBSIM_SBATCH_OPTIONS:-}\"");
        CpusPerTask(text, job.CpusPerTask);
        Line(text, "mkdir -p \"$out/slurm-logs\"");
        Line(text, "");
        Line(text, "# submit NAME [SBATCH OPTION...] < JOB-SCRIPT: submits the job and prints its id.");
        Line(text, "submit() {");
        Line(text, "  local name=$1");
        Line(text, "  shift");
        Line(text, $"  sbatch --parsable --job-name=\"$name\" --chdir={ShellWords.Quote(job.WorkingDirectory)} --cpus-per-task=\"$cpus\" \\");
        Line(text, "    ${sbatch_options[@]+\"${sbatch_options[@]}\"} \"$@\" | cut -d';' -f1");
        Line(text, "}");

        string? previous = null;
        for (int s = 0; s < job.Stages.Count; s++)
        {
            var stage = job.Stages[s];
            bool last = s == job.Stages.Count - 1;
            string array = $"array_{s + 1}";
            string merge = last ? "final" : $"merge_{s + 1}";
            string jobName = $"mbsim-{job.Command}-{stage.Name}";
            Line(text, "");
            Line(
                text,
                $"# {Capitalize(Describe(stage))}: {Shards(job.Shards)}, each into $out/shards/{stage.Name}-I{(stage.SeedFromOutput ? ", which starts from the merged results in $out" : "")}."
            );
            string dependency = previous is null ? "" : $" --dependency=afterok:\"${previous}\"";
            Line(text, $"{array}=$(submit {jobName}{dependency} --array=1-{shards} --output=\"$out/slurm-logs/%x-%A_%a.out\" <<'{Delimiter}'");
            var body = new StringBuilder();
            Line(body, "#!/usr/bin/env bash");
            Line(body, "set -euo pipefail");
            Line(body, $"shard={ShellWords.Quote(Path.Combine(job.OutputFolder, "shards", stage.Name + "-"))}\"$SLURM_ARRAY_TASK_ID\"");
            if (stage.SeedFromOutput)
            {
                Line(body, $"{ShellWords.Join(job.Mbsim)} results merge \"$shard\" {ShellWords.Quote(job.OutputFolder)}");
            }

            Line(
                body,
                $"{command} {Words(job.Arguments, stage.Arguments, job.ShardArguments)}--shard \"$SLURM_ARRAY_TASK_ID/{shards}\" --parallel \"${{SLURM_CPUS_PER_TASK:-1}}\" --out \"$shard\""
            );
            AppendBody(text, body);
            Line(text, ")");
            Line(text, $"echo \"{Describe(stage)}: job array ${array} ({Shards(job.Shards)})\" >&2");

            Line(text, "");
            Line(
                text,
                job.GatherFiles ? "# Gather every shard's files into $out."
                    : last ? $"# Merge the shards into $out, then `mbsim {job.Command}` on it: every test is stored, so it writes the analysis and charts."
                    : "# Merge the shards into $out (the next stage reads them from there)."
            );
            Line(text, $"{merge}=$(submit {jobName}-merge --dependency=afterok:\"${array}\" --output=\"$out/slurm-logs/%x-%j.out\" <<'{Delimiter}'");
            body.Clear();
            Line(body, "#!/usr/bin/env bash");
            Line(body, "set -euo pipefail");
            var folders = Enumerable.Range(1, job.Shards).Select(i => job.ShardFolder(stage, i));
            if (job.GatherFiles)
            {
                foreach (string folder in folders)
                {
                    Line(body, $"cp -R -- {ShellWords.Quote(Path.Combine(folder, "."))} {ShellWords.Quote(job.OutputFolder)}");
                }
            }
            else
            {
                Line(body, $"{ShellWords.Join(job.Mbsim)} results merge {ShellWords.Quote(job.OutputFolder)} {ShellWords.Join(folders)}");
            }

            if (last && !job.GatherFiles)
            {
                Line(
                    body,
                    $"{command} {Words(job.Arguments, job.FinalArguments)}--parallel \"${{SLURM_CPUS_PER_TASK:-1}}\" --out {ShellWords.Quote(job.OutputFolder)}"
                );
            }

            AppendBody(text, body);
            Line(text, ")");
            Line(text, $"echo \"{(job.GatherFiles ? "gather" : last ? "final merge" : "merge")}: job ${merge}\" >&2");
            previous = merge;
        }

        Line(text, "echo \"$final\"");
        return text.ToString();
    }

    /// <summary>One line summary of the jobs, e.g. "2 shards of steps 1, 2, a merge, 2 shards of step 3, a final merge".</summary>
    public static string Plan(SlurmJob job) =>
        string.Join(
            ", ",
            job.Stages.Select(
                (stage, i) =>
                    $"{Shards(job.Shards)} of {Describe(stage)}, {(job.GatherFiles ? "a final gather of their files" : i == job.Stages.Count - 1 ? "a final merge" : "a merge")}"
            )
        );

    private static string Shards(int count) => count == 1 ? "1 shard" : $"{count} shards";

    private static string Describe(SlurmStage stage) => stage.Description.Length > 0 ? stage.Description : stage.Name;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Words(params IReadOnlyList<string>[] lists)
    {
        string words = ShellWords.Join(lists.SelectMany(l => l));
        return words.Length == 0 ? "" : words + " ";
    }

    private static void AppendBody(StringBuilder text, StringBuilder body)
    {
        string content = body.ToString();
        if (content.Split('\n').Any(line => line == Delimiter))
        {
            throw new InvalidOperationException($"A job script line equals the here-document delimiter {Delimiter}.");
        }

        text.Append(content);
        Line(text, Delimiter);
    }

    /// <summary>
    /// Sets <c>cpus</c>: a job asking more CPUs than any node of its partition has pends forever, so the script asks
    /// <c>sinfo</c> (node-oriented, the partition of MBSIM_SBATCH_OPTIONS if any) for the largest node and asks at most
    /// that many (at most <paramref name="cap"/>), and refuses an MBSIM_CPUS_PER_TASK above it with a clear message.
    /// </summary>
    private static void CpusPerTask(StringBuilder text, int cap)
    {
        Line(text, "partition=\"\"");
        Line(text, "for ((i = 0; i < ${#sbatch_options[@]}; i++)); do");
        Line(text, "  case \"${sbatch_options[i]}\" in");
        Line(text, "    --partition=*) partition=\"${sbatch_options[i]#--partition=}\" ;;");
        Line(text, "    -p | --partition) partition=\"${sbatch_options[i + 1]:-}\" ;;");
        Line(text, "    -p?*) partition=\"${sbatch_options[i]#-p}\" ;;");
        Line(text, "  esac");
        Line(text, "done");
        Line(text, "node_cpus=$(sinfo --noheader --Node ${partition:+--partition=\"$partition\"} --format='%c' 2>/dev/null | sort -n | tail -n 1 || true)");
        Line(text, "[[ \"$node_cpus\" =~ ^[0-9]+$ ]] || node_cpus=\"\"");
        Line(text, "if [[ -n \"${MBSIM_CPUS_PER_TASK:-}\" ]]; then");
        Line(text, "  cpus=\"$MBSIM_CPUS_PER_TASK\"");
        Line(text, "  if [[ -n \"$node_cpus\" && \"$cpus\" -gt \"$node_cpus\" ]]; then");
        Line(
            text,
            "    echo \"submit.sh: MBSIM_CPUS_PER_TASK=$cpus, but the largest node${partition:+ of partition $partition} has $node_cpus CPUs (sinfo): every job would pend forever; set MBSIM_CPUS_PER_TASK to at most $node_cpus.\" >&2"
        );
        Line(text, "    exit 2");
        Line(text, "  fi");
        Line(text, "elif [[ -n \"$node_cpus\" ]]; then");
        Line(text, $"  cpus=$(( node_cpus < {cap} ? node_cpus : {cap} ))");
        Line(text, "else");
        Line(text, $"  cpus={cap}");
        Line(text, "fi");
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
