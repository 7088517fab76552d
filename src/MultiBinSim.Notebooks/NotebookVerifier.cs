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
/// Re-executes a committed notebook with its committed parameters and compares every cell's text/plain, table and
/// chart outputs (normalized by <see cref="OutputNormalizer"/>) with what was committed: what a reviewer runs. A chart
/// is compared by its data and layout; its static image is not compared (a browser's PNG bytes differ between
/// machines and versions) but must be there: a committed chart output without one is reported as a difference.
/// </summary>
public static class NotebookVerifier
{
    public static async Task<NotebookVerification> VerifyAsync(
        string path,
        TimeSpan? cellTimeout = null,
        IProgress<CellOutcome>? progress = null,
        CancellationToken cancellation = default
    )
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
            var diff = expected.SequenceEqual(actual) ? [] : Diff(expected, actual).ToList();
            diff.AddRange(MissingImages(before));
            if (diff.Count > 0)
            {
                differences.Add(new CellDifference(i + 1, CellOutcome.Head(before), diff));
            }
        }

        if (committed.Elements.Count != fresh.Elements.Count)
        {
            differences.Add(new CellDifference(0, "(notebook)", [$"- {committed.Elements.Count} cells", $"+ {fresh.Elements.Count} cells"]));
        }

        return differences;
    }

    /// <summary>One line per chart output of the committed cell that has no static image beside its HTML.</summary>
    public static IEnumerable<string> MissingImages(InteractiveDocumentElement committed)
    {
        var charts = ChartImages.In(committed).ToList();
        for (int i = 0; i < charts.Count; i++)
        {
            if (!ChartImages.HasImage(charts[i].Bundle))
            {
                yield return $"! chart {i + 1} of {charts.Count} has no static image (image/png): re-run the notebook with `mbsim notebook run` where Chromium is installed";
            }
        }
    }

    private static IReadOnlyList<string> Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var model = InlineDiffBuilder.Diff(string.Join("\n", expected), string.Join("\n", actual));
        var lines = new List<string>();
        foreach (var line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Deleted:
                    lines.Add("- " + line.Text);
                    break;
                case ChangeType.Inserted:
                    lines.Add("+ " + line.Text);
                    break;
            }
        }

        return lines;
    }

    private static IEnumerable<string> VolatileFolders(string notebookFolder)
    {
        var folders = new List<string>
        {
            notebookFolder,
            Directory.GetParent(notebookFolder)?.FullName ?? "",
            System.IO.Path.GetTempPath().TrimEnd('/'),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        };
        return folders.Where(f => !string.IsNullOrEmpty(f));
    }
}
