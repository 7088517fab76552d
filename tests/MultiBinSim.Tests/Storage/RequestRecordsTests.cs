using DuckDB.NET.Data;
using MultiBinSim.Cli;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Storage;
using MultiBinSim.Tests.Cli;

namespace MultiBinSim.Tests.Storage;

/// <summary><c>mbsim run --requests-out FILE</c> (issue #23 item 4): one row per request, Parquet or CSV, read back by DuckDB.</summary>
public class RequestRecordsTests
{
    private const int Requests = 300;

    /// <summary>A small run with rejected requests (3.01 GB GPUs hold 2,000 tokens: some requests never fit).</summary>
    private static SingleRunOutcome Run(string engine)
    {
        var run = RunCommand.CreateForTests();
        string[] args =
            engine == "continuous"
                ? ["--requests", $"{Requests}", "--gpu-memory", "3.01", "--engine", "continuous", "--gpus", "2", "--admission", "multi-bin", "--k", "4"]
                : ["--requests", $"{Requests}", "--gpu-memory", "3.01", "--gpus", "2", "--scheduler", "multi_bin_dynamic", "--k", "4"];
        return SingleRun.Execute(run.Spec(run.Command.Parse(args)));
    }

    private static async Task<string> Write(SingleRunOutcome outcome, string path)
    {
        await RequestRecords.WriteAsync(path, outcome.Workload, outcome.Spec.Simulation, outcome.Result);
        return path;
    }

    /// <summary>How DuckDB reads the file: Parquet is typed; CSV columns that may be all empty get their types.</summary>
    private static string Source(string path)
    {
        string quoted = path.Replace("'", "''", StringComparison.Ordinal);
        return path.EndsWith(".csv", StringComparison.Ordinal)
            ? $"read_csv('{quoted}', header = true, types = {{'bin': 'INTEGER', 'replica': 'INTEGER', 'admission_s': 'DOUBLE', 'first_token_s': 'DOUBLE', 'completion_s': 'DOUBLE', 'ttft_s': 'DOUBLE', 'tpot_s': 'DOUBLE', 'latency_s': 'DOUBLE', 'preemptions': 'INTEGER', 'rejected': 'BOOLEAN', 'decode_replica': 'INTEGER', 'kv_transfer_s': 'DOUBLE'}})"
            : $"read_parquet('{quoted}')";
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("batch", "parquet")]
    [InlineData("batch", "csv")]
    [InlineData("continuous", "parquet")]
    [InlineData("continuous", "csv")]
    public async Task DuckDB_reads_one_row_per_request_with_consistent_times_and_null_times_when_rejected(string engine, string format)
    {
        using var tmp = new TempFiles();
        var outcome = Run(engine);
        Assert.True(outcome.Result.Metrics.NumRejected > 0, "the run should reject some requests");
        string path = await Write(outcome, Path.Combine(tmp.Folder, $"requests.{format}"));
        string from = Source(path);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();

        Assert.Equal(Requests, Count(connection, $"SELECT count(*) FROM {from}"));
        Assert.Equal(Requests, Count(connection, $"SELECT count(DISTINCT request_id) FROM {from}"));
        Assert.Equal(string.Join(',', RequestRecords.Columns), string.Join(',', Names(connection, from)));
        // On every row: TTFT = first token - arrival and latency = completion - arrival (both null when either time is).
        Assert.Equal(
            0,
            Count(
                connection,
                $"SELECT count(*) FROM {from} WHERE ttft_s IS DISTINCT FROM first_token_s - arrival_s OR latency_s IS DISTINCT FROM completion_s - arrival_s"
            )
        );
        Assert.Equal(
            0,
            Count(
                connection,
                $"SELECT count(*) FROM {from} WHERE output_tokens >= 2 AND tpot_s IS DISTINCT FROM (completion_s - first_token_s) / (output_tokens - 1)"
            )
        );
        // A rejected request has no replica and no times; every other one was served and completed.
        Assert.Equal(outcome.Result.Metrics.NumRejected, Count(connection, $"SELECT count(*) FROM {from} WHERE rejected"));
        Assert.Equal(
            0,
            Count(
                connection,
                $"SELECT count(*) FROM {from} WHERE rejected AND (replica IS NOT NULL OR admission_s IS NOT NULL OR first_token_s IS NOT NULL OR completion_s IS NOT NULL OR ttft_s IS NOT NULL OR tpot_s IS NOT NULL OR latency_s IS NOT NULL)"
            )
        );
        Assert.Equal(
            0,
            Count(
                connection,
                $"SELECT count(*) FROM {from} WHERE NOT rejected AND (replica IS NULL OR admission_s IS NULL OR completion_s IS NULL OR admission_s < arrival_s OR completion_s < admission_s)"
            )
        );
        Assert.Equal(0, Count(connection, $"SELECT count(*) FROM {from} WHERE bin IS NULL OR bin < 0 OR bin >= 4"));
        Assert.Equal(0, Count(connection, $"SELECT count(*) FROM {from} WHERE replica < 0 OR replica >= 2"));
        if (engine == "batch")
        {
            // What the batch engine does not measure is null, never 0.
            Assert.Equal(
                0,
                Count(
                    connection,
                    $"SELECT count(*) FROM {from} WHERE first_token_s IS NOT NULL OR ttft_s IS NOT NULL OR tpot_s IS NOT NULL OR preemptions IS NOT NULL"
                )
            );
        }
        else
        {
            Assert.Equal(
                0,
                Count(
                    connection,
                    $"SELECT count(*) FROM {from} WHERE NOT rejected AND output_tokens >= 1 AND (ttft_s IS NULL OR first_token_s < admission_s OR completion_s < first_token_s)"
                )
            );
            Assert.Equal(0, Count(connection, $"SELECT count(*) FROM {from} WHERE preemptions IS NULL"));
        }

        // The mean latency of the served requests is the run's avg_latency.
        using var mean = connection.CreateCommand();
        mean.CommandText = $"SELECT avg(latency_s) FROM {from}";
        Assert.Equal(outcome.Result.Metrics.AvgLatency, Convert.ToDouble(mean.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), 1e-9);
    }

    private static List<string> Names(DuckDBConnection connection, string from)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {from} LIMIT 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("continuous")]
    public async Task The_same_run_writes_the_same_bytes_and_replaces_an_existing_file(string engine)
    {
        using var tmp = new TempFiles();
        foreach (var format in new[] { "parquet", "csv" })
        {
            string first = await Write(Run(engine), Path.Combine(tmp.Folder, $"first.{format}"));
            string second = tmp.Write($"second.{format}", "an older file");
            await Write(Run(engine), second);
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }

        Assert.Equal(
            ["first.csv", "first.parquet", "second.csv", "second.parquet"],
            Directory.GetFiles(tmp.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public void A_bad_path_is_one_line_naming_the_option_with_exit_code_2()
    {
        using var tmp = new TempFiles();
        string file = tmp.Write("file.txt", "");
        string folder = Directory.CreateDirectory(Path.Combine(tmp.Folder, "folder.parquet")).FullName;
        foreach (
            var (path, message) in new[]
            {
                (Path.Combine(tmp.Folder, "requests.json"), "must end in .parquet or .csv"),
                (Path.Combine(tmp.Folder, "missing", "requests.csv"), "does not exist"),
                (Path.Combine(file, "requests.parquet"), "does not exist"),
                (folder, "is a folder"),
            }
        )
        {
            var error = new StringWriter();
            int code = CliErrors.Guard(() => RequestRecords.CheckPath(path), error);
            Assert.Equal(UserInputException.BadOption, code);
            string line = Assert.Single(error.ToString().TrimEnd().Split(Environment.NewLine));
            Assert.StartsWith("error: --requests-out: ", line, StringComparison.Ordinal);
            Assert.Contains(message, line, StringComparison.Ordinal);
        }

        Assert.Equal(["file.txt"], Directory.GetFiles(tmp.Folder).Select(Path.GetFileName)); // nothing left behind
    }

    [Fact]
    public void The_command_checks_the_path_before_the_run()
    {
        var (code, stdout, stderr) = MbsimProcess.Run("run", "--requests", "100", "--json", "--requests-out", "requests.txt");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: --requests-out: 'requests.txt' must end in .parquet or .csv.", stderr.TrimEnd());
    }

    /// <summary>
    /// Disaggregated runs add the decode replica and the KV transfer time: one request at a time, each transfer is the
    /// closed form latency + prompt x GB per token / bandwidth, the replica column is a prefill replica and the decode
    /// replica a decode one; colocated runs leave both columns null.
    /// </summary>
    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public async Task A_disaggregated_run_adds_the_decode_replica_and_the_transfer_time(string format)
    {
        using var tmp = new TempFiles();
        var random = new Random(8);
        var workload = Continuous.ContinuousScenario.Requests(
            Enumerable.Range(0, 40).Select(i => (100.0 * i, random.Next(1, 3000), i % 5 == 0 ? 1 : random.Next(2, 50))).ToArray()
        );
        var pools = new MultiBinSim.Simulation.Continuous.DisaggregationOptions
        {
            PrefillReplicas = 2,
            DecodeReplicas = 3,
            KvTransferLatency = 0.002,
            KvTransferGbps = 4,
        };
        var config = Continuous.ContinuousScenario.Config(
            new MultiBinSim.Simulation.Continuous.ContinuousOptions { KvBlocks = 10_000, Disaggregation = pools },
            5
        ) with
        {
            Scheduler = new MultiBinSim.Scheduling.SchedulerOptions { Memory = new MultiBinSim.Scheduling.GpuMemoryModel(80, 16, 1e-4, 0) },
        };
        var result = MultiBinSim.Simulation.SimulationEngines.Run(workload, config);
        string path = Path.Combine(tmp.Folder, $"requests.{format}");
        await RequestRecords.WriteAsync(path, workload, config, result);
        string from = Source(path);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();

        // Requests 100 s apart: no transfer waits for another, so each is its closed form.
        Assert.Equal(
            0,
            Count(connection, $"SELECT count(*) FROM {from} WHERE output_tokens > 1 AND abs(kv_transfer_s - (0.002 + prompt_tokens * 0.0001 / 4)) > 1e-12")
        );
        Assert.Equal(
            Count(connection, $"SELECT count(*) FROM {from} WHERE output_tokens > 1"),
            Count(connection, $"SELECT count(*) FROM {from} WHERE decode_replica BETWEEN 2 AND 4 AND replica BETWEEN 0 AND 1")
        );
        Assert.Equal(
            0,
            Count(connection, $"SELECT count(*) FROM {from} WHERE output_tokens <= 1 AND (decode_replica IS NOT NULL OR kv_transfer_s IS NOT NULL)")
        );
        Assert.True(Count(connection, $"SELECT count(*) FROM {from} WHERE output_tokens = 1") > 0, "some requests end at their prefill");

        var colocated = Run("continuous");
        string plain = Source(await Write(colocated, Path.Combine(tmp.Folder, $"colocated.{format}")));
        Assert.Equal(0, Count(connection, $"SELECT count(*) FROM {plain} WHERE decode_replica IS NOT NULL OR kv_transfer_s IS NOT NULL"));
    }
}
