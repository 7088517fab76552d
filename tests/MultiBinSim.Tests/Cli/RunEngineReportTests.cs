using System.Text.Json;
using MultiBinSim.Cli;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;

namespace MultiBinSim.Tests.Cli;

/// <summary>Each engine reports its own configuration in <c>mbsim run</c>'s JSON and table (issue #20 item 11); the metrics are the same values.</summary>
public class RunEngineReportTests
{
    private static readonly string[] BatchConfiguration =
    [
        "dataset",
        "synthetic",
        "scheduler",
        "gpus",
        "k",
        "bin_policy",
        "bin_lower_bounds",
        "rps_scaling",
        "real_timestamps",
        "d_sla",
        "predictor",
        "seed",
        "latency_alpha",
        "latency_beta",
        "latency_gamma",
        "latency_r_squared",
    ];

    private static (SingleRunOutcome Outcome, JsonElement Json) Run(params string[] args)
    {
        var run = RunCommand.CreateForTests();
        var outcome = SingleRun.Execute(run.Spec(run.Command.Parse(["--requests", "800", .. args])));
        return (outcome, JsonDocument.Parse(RunJson.Write(outcome)).RootElement);
    }

    private static string[] ConfigurationKeys(JsonElement json)
    {
        var metrics = MetricCatalogue.All.Select(m => m.Name).ToHashSet();
        return json.EnumerateObject().Select(p => p.Name).Where(n => !metrics.Contains(n)).ToArray();
    }

    [Fact]
    public void The_batch_engine_keeps_its_keys_in_their_order()
    {
        var (_, json) = Run("--k", "2");
        Assert.Equal(BatchConfiguration, ConfigurationKeys(json));
    }

    [Fact]
    public void The_continuous_engine_reports_its_own_configuration_and_nothing_of_the_batch_engine()
    {
        var (outcome, json) = Run(
            "--engine",
            "continuous",
            "--policy",
            "sarathi",
            "--step-model",
            "roofline:Llama-3-8B@H100-80GB",
            "--max-num-seqs",
            "32",
            "--gpus",
            "2"
        );
        var keys = ConfigurationKeys(json);
        foreach (
            var batchOnly in new[] { "scheduler", "k", "bin_policy", "bin_lower_bounds", "latency_alpha", "latency_beta", "latency_gamma", "latency_r_squared" }
        )
        {
            Assert.DoesNotContain(batchOnly, keys);
        }

        var step = outcome.Spec.Simulation.Continuous.StepModel;
        Assert.Equal("continuous", json.GetProperty("engine").GetString());
        Assert.Equal("sarathi", json.GetProperty("policy").GetString());
        Assert.Equal(step.Base, json.GetProperty("step_base").GetDouble());
        Assert.Equal(step.PerSequence, json.GetProperty("step_per_seq").GetDouble());
        Assert.Equal(step.PerPrefillToken, json.GetProperty("step_per_prefill_token").GetDouble());
        Assert.Equal(step.PerKvToken, json.GetProperty("step_per_kv_token").GetDouble());
        Assert.Equal(26_674, json.GetProperty("kv_blocks").GetInt64()); // the roofline preset's cache (README, Step-time models)
        Assert.Equal(32, json.GetProperty("max_num_seqs").GetInt32());
        Assert.Equal(512, json.GetProperty("chunk_size").GetInt32());
        Assert.Equal("fcfs", json.GetProperty("admission").GetString());
        Assert.Equal("fixed", json.GetProperty("batching").GetString());
        Assert.DoesNotContain("batch_alpha", keys);
    }

    [Fact]
    public void K_and_the_bin_policy_appear_only_with_multi_bin_admission()
    {
        var (_, json) = Run(
            "--engine",
            "continuous",
            "--admission",
            "multi-bin",
            "--k",
            "3",
            "--bin-policy",
            "longest-queue",
            "--batching",
            "dynamic",
            "--batch-alpha",
            "7"
        );
        Assert.Equal(3, json.GetProperty("k").GetInt32());
        Assert.Equal("longest-queue", json.GetProperty("bin_policy").GetString());
        Assert.Equal(7, json.GetProperty("batch_alpha").GetInt32());
        Assert.False(json.TryGetProperty("chunk_size", out _)); // vllm has no chunk budget
    }

    [Fact]
    public void Every_metric_is_written_with_the_value_the_engine_computed()
    {
        foreach (var engine in new[] { "batch", "continuous" })
        {
            var (outcome, json) = Run("--engine", engine);
            foreach (var metric in MetricCatalogue.All.Where(m => !m.IsVector))
            {
                var value = metric.Read(outcome.Result.Metrics);
                if (value is null && metric.OmittedWhenNull)
                {
                    Assert.False(json.TryGetProperty(metric.Name, out _), $"{metric.Name} is empty and must be left out");
                    continue;
                }

                var written = json.GetProperty(metric.Name);
                if (value is null)
                {
                    Assert.Equal(JsonValueKind.Null, written.ValueKind);
                }
                else
                {
                    Assert.Equal(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), written.GetDouble());
                }
            }
        }
    }

    [Fact]
    public void The_continuous_table_shows_its_own_rows_and_not_the_batch_engines()
    {
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--engine", "continuous", "--requests", "500", "--admission", "multi-bin", "--k", "2");
        Assert.True(code == 0, stderr);
        foreach (var row in new[] { "policy", "step model", "KV cache", "max-num-seqs", "routing", "admission", "multi-bin (K=2", "batching", "avg_ttft" })
        {
            Assert.Contains(row, stdout, StringComparison.Ordinal);
        }

        foreach (var row in new[] { "scheduler", "latency model", "bin_request_counts", "bin_batch_counts", "num_batches" })
        {
            Assert.DoesNotContain(row, stdout, StringComparison.Ordinal);
        }

        var batch = MbsimProcess.Run("run", "--requests", "500");
        Assert.Contains("scheduler", batch.Stdout, StringComparison.Ordinal);
        Assert.Contains("bin_request_counts", batch.Stdout, StringComparison.Ordinal);
    }
}
