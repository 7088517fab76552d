using System.Diagnostics;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>One planned test of a stored experiment: what runs, on which seed's context, and the key it is stored under.</summary>
public sealed record PlannedTest(SuiteTest Test, ExperimentContext Context, SimulationConfig Config, string Key);

/// <summary>
/// The skeleton every experiment that keeps its rows in a result store shares (the suite's steps, the capacity search):
/// skip the planned tests stored with success (unless forced), run the rest on a number of workers, store each row the
/// moment it finishes, report progress, and return the step's view. Planning, keys and what one test computes are the
/// experiment's own; a test that throws becomes a failed row, never a lost one.
/// </summary>
public static class StoredExperiment
{
    /// <param name="step">The step the rows belong to (<see cref="SuiteStep"/>).</param>
    /// <param name="planned">The tests, in plan order.</param>
    /// <param name="store">The open result store.</param>
    /// <param name="force">Recompute tests already stored with success.</param>
    /// <param name="parallelism">Tests run at once.</param>
    /// <param name="observer">Progress reports.</param>
    /// <param name="run">One test's row on success (the clock has run since it started).</param>
    /// <param name="fail">One test's row when <paramref name="run"/> threw (the error and the seconds it took).</param>
    /// <param name="cancellation">Stops starting tests; a cancelled test is not stored.</param>
    public static async Task<StepSummary> RunAsync(
        int step,
        IReadOnlyList<PlannedTest> planned,
        ResultStore store,
        bool force,
        int parallelism,
        ISuiteObserver observer,
        Func<PlannedTest, Stopwatch, ResultRow> run,
        Func<PlannedTest, Exception, double, ResultRow> fail,
        CancellationToken cancellation
    )
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(fail);
        var toRun = planned.Where(p => force || !store.HasSuccess(p.Key)).ToList();
        observer.StepStarted(step, toRun.Count, planned.Count - toRun.Count);

        int failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };
        await Parallel
            .ForEachAsync(toRun, parallel, async (item, ct) =>
            {
                observer.TestStarted(step, item.Test);
                var clock = Stopwatch.StartNew();
                ResultRow row;
                try
                {
                    row = run(item, clock);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    row = fail(item, e, clock.Elapsed.TotalSeconds);
                }

                if (!row.Succeeded)
                {
                    Interlocked.Increment(ref failed);
                }

                await store.AppendAsync(row, ct).ConfigureAwait(false);
                observer.TestFinished(step, item.Test, row);
            })
            .ConfigureAwait(false);

        var keys = planned.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var rows = ResultStore.ViewRows(store.Rows.Where(r => keys.Contains(r.TestKey)), step);
        observer.StepFinished(step, rows);
        return new StepSummary(step, planned.Count, toRun.Count, planned.Count - toRun.Count, failed, rows);
    }
}
