using MultiBinSim.Experiments;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Experiments;

public class SuiteRunnerTests
{
    [Fact]
    public async Task A_full_small_suite_stores_every_test_once_with_views_and_analysis()
    {
        using var tmp = new TempFiles();
        var summary = await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder));
        Assert.Equal([10, 3, 6], summary.Steps.Select(s => s.Planned));
        Assert.Equal(0, summary.Failed);
        var rows = ResultStore.LoadRows(tmp.Folder);
        Assert.Equal(19, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.TestKey).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(ResultRow.Success, r.Status));
        foreach (var (step, name) in ResultStore.StepViews.Where(v => SuiteStep.All.Contains(v.Step)))
        {
            Assert.True(File.Exists(Path.Combine(tmp.Folder, name + ".csv")));
            Assert.Equal(rows.Count(r => r.Step == step), ResultCsv.ReadAll(Path.Combine(tmp.Folder, name + ".csv")).Count);
        }

        string analysis = File.ReadAllText(summary.AnalysisPath);
        Assert.Contains("\"best_gpu_count\"", analysis);
        Assert.Contains("\"best_k\"", analysis);
        Assert.Contains("\"manifest\"", analysis);
    }

    [Fact]
    public async Task A_simulation_an_earlier_step_ran_is_not_run_again_and_its_row_repeats_the_metrics()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder));
        var rows = ResultStore.LoadRows(tmp.Folder);
        // Step 2 repeats Step 1's largest multi_bin_dynamic runs (N = 10,000 at 1, 2 and 4 GPUs) under its own keys.
        var stepOne = rows.Where(r => r.Step == 1 && r.Get<int>("num_requests") == 10_000 && r.GetString("scheduler_type") == "multi_bin_dynamic").ToArray();
        var stepTwo = rows.Where(r => r.Step == 2).ToDictionary(r => r.Get<int>("num_gpus")!.Value);
        Assert.Equal(3, stepOne.Length);
        foreach (var first in stepOne)
        {
            var again = stepTwo[first.Get<int>("num_gpus")!.Value];
            Assert.NotEqual(first.TestKey, again.TestKey);
            var relabelled = first.With("test_key", again.TestKey).With("step", again.Step).With("step_name", again.GetString("step_name"));
            Assert.Equal(SuiteFixture.Comparable([relabelled]), SuiteFixture.Comparable([again])); // every column but the step's own
            // The same run, not a second one: its execution time (a stopwatch reading) is the first run's.
            Assert.Equal(first.Get<double>("execution_time_seconds"), again.Get<double>("execution_time_seconds"));
        }

        var context = ExperimentContext.Create(new WorkloadOptions(), 1_000, null);
        var test = new SuiteTest(1, MultiBinSim.Scheduling.MultiBinDynamicPolicy.Kind, 1_000, 2, 4);
        var config = context.ConfigFor(test, new MultiBinSim.Scheduling.SchedulerOptions());
        Assert.Equal(TestKey.Simulation(context, test, config), TestKey.Simulation(context, test with { Step = 2 }, config));
        Assert.NotEqual(TestKey.Compute(context, test, config), TestKey.Compute(context, test with { Step = 2 }, config));
        Assert.NotEqual(TestKey.Simulation(context, test, config), TestKey.Simulation(context, test with { Gpus = 4 }, config with { Gpus = 4 }));
    }

    [Fact]
    public async Task Chart_files_are_the_same_bytes_whatever_order_parallel_tests_stored_their_rows_in()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder));
        var rows = ResultStore.LoadRows(tmp.Folder);
        string forward = Path.Combine(tmp.Folder, "forward"),
            backward = Path.Combine(tmp.Folder, "backward");
        var written = Reporting.SuiteChartFiles.Write(rows, forward);
        Reporting.SuiteChartFiles.Write(rows.AsEnumerable().Reverse().ToList(), backward);
        Assert.NotEmpty(written);
        foreach (string file in written)
        {
            string name = Path.GetRelativePath(forward, file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(backward, name)));
        }
    }

    [Fact]
    public async Task Step_three_uses_the_best_gpu_count_stored_by_an_earlier_step_two()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 2));
        var stepTwo = ResultStore.LoadRows(tmp.Folder).Where(r => r.Step == 2).ToArray();
        int best = stepTwo
            .OrderByDescending(r => r.Get<double>("capacity_qps_under_sla"))
            .ThenBy(r => r.Get<int>("num_gpus"))
            .First()
            .Get<int>("num_gpus")!
            .Value;
        var summary = await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 3));
        Assert.All(summary.Steps.Single().Rows, r => Assert.Equal(best, r.Get<int>("num_gpus")));
    }

    [Fact]
    public async Task Step_three_without_step_two_falls_back_to_32_gpus_with_a_warning()
    {
        using var tmp = new TempFiles();
        var log = new StringWriter();
        var summary = await new SuiteRunner(SuiteFixture.Small(tmp.Folder, 3), new LineSuiteObserver(log)).RunAsync();
        Assert.All(summary.Steps.Single().Rows, r => Assert.Equal(32, r.Get<int>("num_gpus")));
        Assert.Contains("warning: Step 3 runs on 32 GPUs", log.ToString());
    }

    [Fact]
    public async Task Running_one_step_keeps_the_other_steps_rows()
    {
        using var tmp = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 1));
        string stepOneView = File.ReadAllText(Path.Combine(tmp.Folder, "step1_request_scaling.csv"));
        await SuiteFixture.Run(SuiteFixture.Small(tmp.Folder, 3) with { BestGpuCount = 2 });
        Assert.Equal(stepOneView, File.ReadAllText(Path.Combine(tmp.Folder, "step1_request_scaling.csv")));
        Assert.Equal(10, ResultStore.LoadStep(tmp.Folder, 1).Rows.Count);
        Assert.Equal(6, ResultStore.LoadStep(tmp.Folder, 3).Rows.Count);
    }

    [Fact]
    public async Task A_rerun_skips_stored_tests_retries_failed_ones_and_force_recomputes()
    {
        using var tmp = new TempFiles();
        var options = SuiteFixture.Small(tmp.Folder, 1);
        await SuiteFixture.Run(options);
        var log = new StringWriter();
        var again = await new SuiteRunner(options, new LineSuiteObserver(log)).RunAsync();
        Assert.Equal(0, again.Steps[0].Run);
        Assert.Equal(10, again.Steps[0].Skipped);
        Assert.Contains("10 already stored (skipped)", log.ToString());

        // Turn one stored row into a failure: the next run retries exactly that one.
        var rows = ResultStore.LoadRows(tmp.Folder);
        using (var store = await ResultStore.OpenAsync(tmp.Folder))
        {
            await store.AppendAsync(rows[3].With("status", ResultRow.Failed).With("error_message", "simulated failure"));
        }

        var retried = await SuiteFixture.Run(options);
        Assert.Equal(1, retried.Steps[0].Run);
        Assert.Equal(rows[3].TestKey, ResultStore.LoadRows(tmp.Folder).Single(r => r.TestKey == rows[3].TestKey && r.Succeeded).TestKey);

        var forced = await SuiteFixture.Run(options with { Force = true });
        Assert.Equal(10, forced.Steps[0].Run);
        Assert.Equal(10, ResultStore.LoadRows(tmp.Folder).Count); // latest row per key: still one each
    }

    [Fact]
    public async Task Parallel_runs_store_the_same_results_as_a_serial_run()
    {
        using var serial = new TempFiles();
        using var parallel = new TempFiles();
        await SuiteFixture.Run(SuiteFixture.Small(serial.Folder) with { Parallelism = 1 });
        await SuiteFixture.Run(SuiteFixture.Small(parallel.Folder) with { Parallelism = 4 });
        foreach (var (step, _) in ResultStore.StepViews)
        {
            Assert.Equal(
                SuiteFixture.Comparable(ResultStore.ViewRows(ResultStore.LoadRows(serial.Folder), step)),
                SuiteFixture.Comparable(ResultStore.ViewRows(ResultStore.LoadRows(parallel.Folder), step))
            );
        }
    }

    [Fact]
    public async Task Merged_shards_equal_a_single_run()
    {
        using var single = new TempFiles();
        using var shardOne = new TempFiles();
        using var shardTwo = new TempFiles();
        using var merged = new TempFiles();
        var options = SuiteFixture.Small(single.Folder) with { BestGpuCount = 2 };
        await SuiteFixture.Run(options);
        var one = await SuiteFixture.Run(options with { OutputFolder = shardOne.Folder, Shard = (1, 2) });
        var two = await SuiteFixture.Run(options with { OutputFolder = shardTwo.Folder, Shard = (2, 2) });
        Assert.Equal(19, one.Steps.Sum(s => s.Planned) + two.Steps.Sum(s => s.Planned));
        var (rows, duplicates) = await ResultsMerger.MergeAsync(merged.Folder, [shardOne.Folder, shardTwo.Folder, shardOne.Folder]);
        Assert.Equal(19, rows);
        Assert.Equal(ResultStore.LoadRows(shardOne.Folder).Count, duplicates); // shard one named twice
        foreach (var (step, _) in ResultStore.StepViews)
        {
            Assert.Equal(
                SuiteFixture.Comparable(ResultStore.ViewRows(ResultStore.LoadRows(single.Folder), step)),
                SuiteFixture.Comparable(ResultStore.ViewRows(ResultStore.LoadRows(merged.Folder), step))
            );
        }
    }

    [Fact]
    public async Task A_dataset_smaller_than_n_runs_with_all_rows_and_says_so_once()
    {
        using var tmp = new TempFiles();
        string csv = tmp.Write(
            "tiny.csv",
            "Timestamp,Request tokens,Response tokens\n" + string.Concat(Enumerable.Range(0, 1500).Select(i => $"{i},{100 + i % 50},{20 + i % 30}\n"))
        );
        var log = new StringWriter();
        var options = SuiteFixture.Small(Path.Combine(tmp.Folder, "out"), 1) with
        {
            Workload = new WorkloadOptions { Dataset = csv },
            MaxRequests = 10_000,
        };
        var summary = await new SuiteRunner(options, new LineSuiteObserver(log)).RunAsync();
        var rows = summary.Steps[0].Rows;
        Assert.Contains(rows, r => r.Get<int>("num_requests_requested") == 10_000 && r.Get<int>("num_requests") == 1500);
        Assert.Single(log.ToString().Split('\n'), l => l.Contains("has only 1,500 rows"));
    }
}
