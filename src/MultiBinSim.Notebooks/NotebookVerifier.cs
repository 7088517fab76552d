using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>A difference between a committed cell's outputs and a fresh run's.</summary>
public sealed record CellDifference(int Number, string SourceHead, IReadOnlyList<string> Diff);

/// <summary>The outcome of verifying one notebook.</summary>
public sealed record NotebookVerification(string Path, NotebookRun Run, IReadOnlyList<CellDifference> Differences)
{
    public bool Identical => Run.Succeeded && Differences.Count == 0;
}

/// <summary>
/// Re-executes a committed notebook with its committed parameters and compares every cell's text/plain and table
/// outputs (normalized by <see cref="OutputNormalizer"/>) with what was committed: what a reviewer runs.
/// </summary>
public static class NotebookVerifier
{
    public static async Task<NotebookVerification> VerifyAsync(string path, TimeSpan? cellTimeout = null, IProgress<CellOutcome>? progress = null, CancellationToken cancellation = default)
    {
        var committed = NotebookFile.Load(path);
        var fresh = NotebookFile.Load(path);
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var run = await NotebookRunner.RunAsync(fresh, folder, cellTimeout, progress, cancellation);
        return new NotebookVerification(path, run, Compare(committed, run.Document, folder));
    }

    public static IReadOnlyList<CellDifference> Compare(InteractiveDocument committed, InteractiveDocument fresh, string notebookFolder)
    {
        var folders = VolatileFolders(notebookFolder);
        var differences = new List<CellDifference>();
        for (int i = 0; i < committed.Elements.Count && i < fresh.Elements.Count; i++)
        {
            var before = committed.Elements[i];
            if (!NotebookFile.IsCode(before))
            {
                continue;
            }

            var expected = OutputNormalizer.Comparable(before, folders);
            var actual = OutputNormalizer.Comparable(fresh.Elements[i], folders);
            if (!expected.SequenceEqual(actual))
            {
                differences.Add(new CellDifference(i + 1, CellOutcome.Head(before), Diff(expected, actual)));
            }
        }

        if (committed.Elements.Count != fresh.Elements.Count)
        {
            differences.Add(new CellDifference(0, "(notebook)", [$"- {committed.Elements.Count} cells", $"+ {fresh.Elements.Count} cells"]));
        }

        return differences;
    }

    private static IReadOnlyList<string> Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var model = InlineDiffBuilder.Diff(string.Join("\n", expected), string.Join("\n", actual));
        var lines = new List<string>();
        foreach (var line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Deleted: lines.Add("- " + line.Text); break;
                case ChangeType.Inserted: lines.Add("+ " + line.Text); break;
            }
        }

        return lines;
    }

    private static IEnumerable<string> VolatileFolders(string notebookFolder)
    {
        var folders = new List<string> { notebookFolder, Directory.GetParent(notebookFolder)?.FullName ?? "", System.IO.Path.GetTempPath().TrimEnd('/'), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) };
        return folders.Where(f => !string.IsNullOrEmpty(f));
    }
}
