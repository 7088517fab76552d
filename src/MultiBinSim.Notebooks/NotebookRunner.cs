using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>The outcome of running a notebook: the executed document, every cell's outcome, and the first failure.</summary>
public sealed record NotebookRun(InteractiveDocument Document, IReadOnlyList<CellOutcome> Cells, bool TimedOut)
{
    public CellOutcome? Failure => Cells.FirstOrDefault(c => c.Failed);

    public bool Succeeded => Failure is null;
}

/// <summary>
/// Executes a C# notebook headlessly, cell by cell, in the notebook's own folder (so relative paths work as in an
/// editor), papermill-style: optional parameters are injected after the <c>parameters</c> cell, execution stops at the
/// first failing cell, and the document comes back with fresh outputs and execution counts.
/// </summary>
public static class NotebookRunner
{
    public static async Task<NotebookRun> RunAsync(
        string path,
        IReadOnlyDictionary<string, string>? parameters = null,
        TimeSpan? cellTimeout = null,
        IProgress<CellOutcome>? progress = null,
        CancellationToken cancellation = default
    )
    {
        var document = NotebookFile.Load(path);
        NotebookParameters.Inject(document, parameters ?? new Dictionary<string, string>(), path);
        return await RunAsync(document, Path.GetDirectoryName(Path.GetFullPath(path))!, cellTimeout, progress, cancellation);
    }

    public static async Task<NotebookRun> RunAsync(
        InteractiveDocument document,
        string workingDirectory,
        TimeSpan? cellTimeout = null,
        IProgress<CellOutcome>? progress = null,
        CancellationToken cancellation = default
    )
    {
        string previous = Directory.GetCurrentDirectory();
        // The kernel redirects Console while a cell runs; a cell that hangs past its timeout would keep it redirected.
        var (stdout, stderr) = (Console.Out, Console.Error);
        var outcomes = new List<CellOutcome>();
        bool timedOut = false;
        using var kernel = new CSharpNotebookKernel();
        Directory.SetCurrentDirectory(workingDirectory);
        try
        {
            int executionCount = 0,
                total = document.Elements.Count;
            bool stopped = false;
            for (int i = 0; i < total; i++)
            {
                var cell = document.Elements[i];
                if (!NotebookFile.IsCode(cell))
                {
                    continue;
                }

                cell.Outputs.Clear();
                cell.ExecutionOrder = 0;
                if (stopped || string.IsNullOrWhiteSpace(cell.Contents) || cell.KernelName != NotebookFile.CSharpKernel)
                {
                    continue;
                }

                var clock = Stopwatch.StartNew();
                var (outputs, error) = await kernel.RunAsync(cell.Contents, cellTimeout, cancellation);
                cell.ExecutionOrder = ++executionCount;
                if (outputs is null)
                {
                    timedOut = true;
                    cell.Outputs.Add(new ErrorElement("Timeout", error!, []));
                }
                else
                {
                    cell.Outputs.AddRange(outputs);
                }

                var outcome = new CellOutcome(i + 1, total, CellOutcome.Head(cell), clock.Elapsed, true, error);
                outcomes.Add(outcome);
                progress?.Report(outcome);
                stopped = error is not null;
                if (timedOut)
                {
                    // The kernel is still busy with the hung cell and cannot be reused; the caller should exit.
                    break;
                }
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        return new NotebookRun(document, outcomes, timedOut);
    }
}
