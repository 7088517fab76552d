using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Cli;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Research;

/// <summary>
/// <c>mbsim capacity --engine continuous</c>: policies x replica counts searched under the SLO-attainment criterion,
/// stored as step 4 rows with their own keys, resumable. (The search itself has a closed-form check in
/// <see cref="CapacityCriterionTests"/>.)
/// </summary>
public class ContinuousCapacitySweepTests
{
    private static CapacitySweepOptions Options(string folder, params ContinuousOptions[] variants) =>
        new()
        {
            Workload = new WorkloadOptions { Requests = 1_000 },
            Engine = ContinuousEngine.EngineName,
            ContinuousVariants = variants,
            Gpus = [1, 2],
            Attainment = 0.9,
            OutputFolder = folder,
            Parallelism = 2,
        };

    private static double Extra(ResultRow row, string column) => double.Parse(row.Extra[column]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Multi_bin_admission_is_searched_per_k_with_its_bins_and_one_bin_matches_fcfs()
    {
        using var tmp = new TempFiles();
        var fcfs = new ContinuousOptions { Policy = ContinuousPolicy.Static };
        var options = Options(tmp.Folder, fcfs, fcfs with { Admission = ContinuousAdmission.MultiBin }) with { Gpus = [1], Ks = [1, 4] };
        Assert.Equal(
            ["static G=1 K=1", "static+multi-bin G=1 K=1", "static+multi-bin G=1 K=4"],
            CapacitySweep.Plan(options).Select(t => $"{t.Scheduler.Name} G={t.Gpus} K={t.RecordedK}")
        );
        var rows = await CapacitySweep.RunAsync(options);
        Assert.Equal(3, rows.Select(r => r.TestKey).Distinct().Count());
        var byLabel = rows.ToDictionary(r => $"{r.GetString("scheduler_type")} K={r.Get<int>("k_bins")}", r => Extra(r, CapacityColumns.RequestsPerSec));
        // One bin admits exactly as FCFS does, so the searches visit the same rates and find the same capacity.
        Assert.Equal(byLabel["static K=1"], byLabel["static+multi-bin K=1"]);
        Assert.NotNull(rows.Single(r => r.Get<int>("k_bins") == 4).GetString("bin_boundaries"));
    }

    [Fact]
    public async Task Two_policies_by_two_replica_counts_store_keyed_rows_that_meet_the_attainment_and_resume()
    {
        using var tmp = new TempFiles();
        var options = Options(
            tmp.Folder,
            new ContinuousOptions { Policy = ContinuousPolicy.Vllm },
            new ContinuousOptions { Policy = ContinuousPolicy.Sarathi }
        );
        var rows = await CapacitySweep.RunAsync(options, charts: new Reporting.SuiteChartWriter());
        string chart = File.ReadAllText(Path.Combine(tmp.Folder, "charts", "capacity_vs_gpus.html"));
        Assert.Contains("Capacity vs replicas per policy (continuous engine)", chart);
        Assert.Contains("slo_attainment>=0.9", chart.Replace("\\u003E", ">", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal));

        Assert.Equal(4, rows.Count);
        Assert.Equal(4, rows.Select(r => r.TestKey).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.True(r.Succeeded, r.GetString("error_message"));
            Assert.Equal(SuiteStep.CapacitySearch, r.Step);
            Assert.Equal("continuous", r.Extra[CapacityColumns.Engine]);
            Assert.Equal("slo_attainment>=0.9", r.Extra[CapacityColumns.Criterion]);
            double attainment = r.Get<double>("slo_attainment")!.Value;
            Assert.True(attainment >= 0.9, $"{r.GetString("scheduler_type")} G={r.Get<int>("num_gpus")}: attainment {attainment}");
            Assert.Equal(attainment, Extra(r, CapacityColumns.CriterionValue));
            double capacity = Extra(r, CapacityColumns.RequestsPerSec);
            Assert.True(r.Get<double>("rps_scaling") > 0);
            Assert.Equal(r.Get<double>("offered_load_requests_per_sec")!.Value, capacity);
            Assert.Equal(capacity / r.Get<int>("num_gpus")!.Value, Extra(r, CapacityColumns.RequestsPerSecPerGpu), 12);
        });
        Assert.Equal(["sarathi", "vllm"], rows.Select(r => r.GetString("scheduler_type")!).Distinct().Order(StringComparer.Ordinal));

        // Two replicas carry more than one, for each policy.
        foreach (var policy in rows.GroupBy(r => r.GetString("scheduler_type")))
        {
            double one = Extra(policy.Single(r => r.Get<int>("num_gpus") == 1), CapacityColumns.RequestsPerSec);
            double two = Extra(policy.Single(r => r.Get<int>("num_gpus") == 2), CapacityColumns.RequestsPerSec);
            Assert.True(two > one, $"{policy.Key}: {two} req/s at 2 replicas, {one} at 1");
        }

        // A second run computes nothing and returns the same rows.
        var log = new StringWriter();
        var again = await CapacitySweep.RunAsync(options, new LineSuiteObserver(log));
        Assert.Contains("0 tests to run, 4 already stored (skipped)", log.ToString());
        Assert.Equal(rows.Select(r => r.TestKey).Order(), again.Select(r => r.TestKey).Order());

        // Every continuous option is part of the key: another SLO, or another attainment, is a new search.
        var looser = Options(tmp.Folder, new ContinuousOptions { Policy = ContinuousPolicy.Vllm, SloTtft = 2.0 });
        log = new StringWriter();
        await CapacitySweep.RunAsync(looser with { Gpus = [1] }, new LineSuiteObserver(log));
        Assert.Contains("Capacity search: 1 tests to run\n", log.ToString().ReplaceLineEndings("\n"));
        log = new StringWriter();
        await CapacitySweep.RunAsync(options with { Gpus = [1], Attainment = 0.8, ContinuousVariants = [new ContinuousOptions()] }, new LineSuiteObserver(log));
        Assert.Contains("Capacity search: 1 tests to run\n", log.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_plan_is_variant_by_replicas_and_the_batch_plan_is_unchanged()
    {
        var continuous = Options("unused", new ContinuousOptions(), new ContinuousOptions { Policy = ContinuousPolicy.Orca }) with { Gpus = [1, 2, 4] };
        var plan = CapacitySweep.Plan(continuous);
        Assert.Equal(["vllm G=1", "vllm G=2", "vllm G=4", "orca G=1", "orca G=2", "orca G=4"], plan.Select(t => $"{t.Scheduler.Name} G={t.Gpus}"));
        Assert.Equal("slo_attainment>=0.9", continuous.Criterion.Name);

        var batch = new CapacitySweepOptions { Gpus = [1, 2], Ks = [4] };
        Assert.Equal("sla_violation_rate<=0.05", batch.Criterion.Name);
        Assert.Equal(MultiBinSim.Scheduling.Schedulers.All.Count * 2, CapacitySweep.Plan(batch).Count);
    }

    [Fact]
    public void Invalid_continuous_options_are_reported_together_by_property()
    {
        var bad = Options("unused", new ContinuousOptions { ChunkSize = 0 }) with { Attainment = 1.5 };
        var error = Assert.Throws<Errors.ConfigurationException>(bad.Validate);
        Assert.Contains(error.Errors, e => e.Property == "Attainment");
        Assert.Contains(error.Errors, e => e.Property == "Continuous.ChunkSize");
    }

    [Fact]
    public void The_command_line_searches_policies_on_replicas_and_resumes()
    {
        using var tmp = new TempFiles();
        string[] args =
        [
            "capacity",
            "--engine",
            "continuous",
            "--policies",
            "vllm,sarathi",
            "--gpus",
            "1,2",
            "--requests",
            "1000",
            "--attainment",
            "0.9",
            "--out",
            tmp.Folder,
        ];
        var first = MbsimProcess.Run(args);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("SLO attainment >= 90.0 %", first.Stdout);
        Assert.Contains("req/s per GPU", first.Stdout);
        Assert.Equal(4, ResultStore.LoadStep(tmp.Folder, SuiteStep.CapacitySearch).Rows.Count);
        var second = MbsimProcess.Run(args);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("0 tests to run, 4 already stored", second.Stdout);

        var bad = MbsimProcess.Run("capacity", "--engine", "continuous", "--policies", "vllm,fastest", "--out", tmp.Folder);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--policies", bad.Stderr);
        Assert.Contains("fastest", bad.Stderr);
    }

    [Fact]
    public void The_predictor_sweep_takes_the_engine_options_and_writes_both_charts()
    {
        using var tmp = new TempFiles();
        var sweep = MbsimProcess.Run(
            "sweep",
            "predictors",
            "--engine",
            "continuous",
            "--admission",
            "multi-bin",
            "--policy",
            "sarathi",
            "--requests",
            "500",
            "--gpus",
            "1",
            "--out",
            tmp.Folder
        );
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        string header = File.ReadLines(Path.Combine(tmp.Folder, "predictor_sweep.csv")).First();
        Assert.Contains("gain_vs_common_baseline", header);
        Assert.Contains("baseline_capacity_qps_under_sla", header);
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "charts", "predictor_sweep_capacity.html")));
        var bad = MbsimProcess.Run("sweep", "predictors", "--engine", "continuous", "--chunk-size", "0", "--requests", "500", "--out", tmp.Folder);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--chunk-size", bad.Stderr);
        var fcfs = MbsimProcess.Run("sweep", "predictors", "--engine", "continuous", "--requests", "500", "--out", tmp.Folder);
        Assert.Equal(2, fcfs.ExitCode); // FCFS admission reads no prediction: every point would be the same run
        Assert.StartsWith("error: --admission:", fcfs.Stderr.Trim());
    }

    [Fact]
    public void The_pd_ratio_sweep_writes_its_rows_chart_and_best_split()
    {
        using var tmp = new TempFiles();
        var sweep = MbsimProcess.Run("sweep", "pd-ratio", "--gpus", "3", "--requests", "300", "--kv-transfer-gbps", "10", "--out", tmp.Folder, "--json");
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(sweep.Stdout);
        var root = json.RootElement;
        Assert.Equal("continuous", root.GetProperty("engine").GetString());
        Assert.Equal(3, root.GetProperty("rows").GetArrayLength());
        string best = root.GetProperty("best_layout").GetString()!;
        Assert.Contains(best, new[] { "1:2", "2:1" });
        Assert.StartsWith("Best split of 3 GPUs by capacity per GPU", root.GetProperty("finding").GetString());
        var lines = File.ReadAllLines(Path.Combine(tmp.Folder, "pd_ratio_sweep.csv"));
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("layout,prefill_replicas,decode_replicas,num_gpus,", lines[0]);
        Assert.Contains("capacity_per_gpu", lines[0]);
        Assert.True(File.Exists(Path.Combine(tmp.Folder, "charts", "pd_ratio_sweep.html")));
        string index = File.ReadAllText(root.GetProperty("index").GetString()!); // the folder's front page
        Assert.Contains("mbsim sweep pd-ratio --gpus 3", index);
        Assert.Contains("href=\"charts/pd_ratio_sweep.html\"", index);
        Assert.Contains("href=\"pd_ratio_sweep.json\"", index);

        var batch = MbsimProcess.Run("sweep", "pd-ratio", "--engine", "batch", "--out", tmp.Folder);
        Assert.Equal(2, batch.ExitCode);
        Assert.StartsWith("error: --", batch.Stderr.Trim());
        var sizes = MbsimProcess.Run("sweep", "pd-ratio", "--prefill-replicas", "2", "--out", tmp.Folder);
        Assert.Equal(2, sizes.ExitCode);
        var orca = MbsimProcess.Run("sweep", "pd-ratio", "--policy", "orca", "--requests", "100", "--out", tmp.Folder);
        Assert.Equal(2, orca.ExitCode);
        Assert.StartsWith("error: --policy:", orca.Stderr.Trim());
    }

    [Fact]
    public void Capacity_takes_the_pools_and_reports_the_engines_own_metrics()
    {
        using var tmp = new TempFiles();
        var run = MbsimProcess.Run(
            "capacity",
            "--engine",
            "continuous",
            "--prefill-replicas",
            "1",
            "--decode-replicas",
            "1",
            "--requests",
            "300",
            "--out",
            tmp.Folder
        );
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("vllm+1:1 N=300 G=2: capacity=", run.Stdout);
        Assert.Contains("slo_attainment=", run.Stdout);
        Assert.DoesNotContain("sla_violation_rate=", run.Stdout);
        Assert.Contains("vllm+1:1", File.ReadAllText(Path.Combine(tmp.Folder, "capacity_search.csv")));

        var wrong = MbsimProcess.Run(
            "capacity",
            "--engine",
            "continuous",
            "--prefill-replicas",
            "1",
            "--decode-replicas",
            "1",
            "--gpus",
            "2,4",
            "--out",
            tmp.Folder
        );
        Assert.Equal(2, wrong.ExitCode);
        Assert.StartsWith("error: --gpus: a disaggregated configuration runs on P + D = 2 GPUs", wrong.Stderr.Trim());
    }

    [Fact]
    public void The_suite_takes_the_pools_keeps_their_ratio_and_names_engine_and_split()
    {
        using var tmp = new TempFiles();
        var run = MbsimProcess.Run(
            "suite",
            "--engine",
            "continuous",
            "--prefill-replicas",
            "1",
            "--decode-replicas",
            "3",
            "--step",
            "2",
            "--max-requests",
            "300",
            "--max-gpus",
            "8",
            "--no-charts",
            "--out",
            tmp.Folder
        );
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(
            "warning: Step 2: GPU scaling: 1 of 4 tests skipped (multi_bin_dynamic N=300 G=1 K=4): a disaggregated run needs at least 2 GPUs",
            run.Stdout + run.Stderr
        );
        Assert.Contains("Engine: continuous, policy vllm", run.Stdout);
        Assert.Contains("disaggregated 1 prefill : 3 decode", run.Stdout);
        Assert.Contains("P:D", run.Stdout);
        Assert.Contains("2:6", run.Stdout); // 8 GPUs keep 1:3
        Assert.DoesNotContain("sla_violation_rate", run.Stdout);
        var header = File.ReadLines(Path.Combine(tmp.Folder, "all_results.csv")).First();
        Assert.EndsWith("prefill_replicas,decode_replicas", header);

        var batch = MbsimProcess.Run("suite", "--prefill-replicas", "1", "--decode-replicas", "3", "--max-requests", "300", "--out", tmp.Folder);
        Assert.Equal(2, batch.ExitCode);
        Assert.StartsWith("error: --prefill-replicas", batch.Stderr.Trim());
    }
}
