using System.Text.Json;

namespace MultiBinSim.Tests.Cli;

public class RunCommandTests
{
    [Fact]
    public void Json_output_has_every_metric_under_its_snake_case_name()
    {
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--requests", "5000", "--gpus", "2", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (
            var name in new[]
            {
                "num_requests",
                "num_completed",
                "num_rejected",
                "total_time",
                "throughput_requests_per_sec",
                "throughput_tokens_per_sec",
                "avg_latency",
                "p50_latency",
                "p95_latency",
                "p99_latency",
                "max_latency",
                "sla_violation_rate",
                "capacity_qps_under_sla",
                "avg_queueing_delay",
                "avg_service_time",
                "avg_gpu_utilization",
                "min_gpu_utilization",
                "max_gpu_utilization",
                "num_batches",
                "avg_batch_size",
                "min_batch_size",
                "max_batch_size",
                "total_tokens",
                "execution_time_seconds",
                "bin_request_counts",
                "bin_batch_counts",
            }
        )
        {
            Assert.True(root.TryGetProperty(name, out _), $"missing key {name}");
        }

        Assert.Equal(5000, root.GetProperty("num_requests").GetInt32());
        Assert.Equal(5000, root.GetProperty("bin_request_counts").EnumerateArray().Sum(e => e.GetInt64()));
        Assert.StartsWith("synthetic", root.GetProperty("dataset").GetString());
    }

    [Fact]
    public void Table_output_labels_the_default_dataset_synthetic()
    {
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--requests", "2000", "--scheduler", "static_fifo");
        Assert.True(code == 0, stderr);
        Assert.Contains("synthetic", stdout);
        Assert.Contains("sla_violation_rate", stdout);
    }

    [Theory]
    [InlineData("--k", "0")]
    [InlineData("--gpus", "0")]
    [InlineData("--requests", "0")]
    [InlineData("--rps-scaling", "0")]
    [InlineData("--d-sla", "-1")]
    [InlineData("--scheduler", "fastest")]
    [InlineData("--predictor", "psychic")]
    [InlineData("--b-min", "200")]
    public void Invalid_options_fail_with_one_line_naming_the_option(string option, string value)
    {
        var (code, _, stderr) = MbsimProcess.Run("run", "--requests", "100", option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(option, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Bad_dataset_fails_with_file_line_and_column()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("bad.csv", "Timestamp,Request tokens,Response tokens\n1,10,5\n2,ten,5\n");
        var (code, _, stderr) = MbsimProcess.Run("run", "--dataset", path);
        Assert.Equal(1, code);
        Assert.Contains($"{path}:3", stderr);
        Assert.Contains("Request tokens", stderr);
        var (missingCode, _, missingErr) = MbsimProcess.Run("run", "--dataset", Path.Combine(tmp.Folder, "absent.csv"));
        Assert.Equal(1, missingCode);
        Assert.Contains("absent.csv", missingErr);
    }
}
