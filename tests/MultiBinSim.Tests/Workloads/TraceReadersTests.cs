using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

public class TraceReadersTests
{
    [Fact]
    public void Azure_timestamps_become_seconds_since_the_first_row()
    {
        using var tmp = new TempFiles();
        // Seven, three and zero fractional digits, and no trailing newline, as in the published files.
        string path = tmp.Write(
            "azure.csv",
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.031,3180,8\n2023-11-16 18:18:00,100,0"
        );
        var trace = TraceReaders.Read(path);
        Assert.Equal("azure", trace.Format);
        Assert.Equal(3, trace.Count);
        Assert.Equal(0.0, trace.Timestamps[0]);
        Assert.Equal(0.05104, trace.Timestamps[1], 9);
        Assert.Equal(56.02004, trace.Timestamps[2], 9);
        Assert.Equal([4808, 3180, 100], trace.RequestTokens);
        Assert.Equal([10, 8, 0], trace.ResponseTokens);
    }

    [Fact]
    public void Azure_errors_name_file_line_and_column()
    {
        using var tmp = new TempFiles();
        var bad = Assert.Throws<TraceFormatException>(() =>
            TraceReaders.Read(tmp.Write("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\nyesterday,1,1\n"))
        );
        Assert.Equal((3L, "TIMESTAMP"), (bad.Line!.Value, bad.Column));
        var tokens = Assert.Throws<TraceFormatException>(() =>
            TraceReaders.Read(tmp.Write("b.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,-4,10\n"))
        );
        Assert.Equal((2L, "ContextTokens"), (tokens.Line!.Value, tokens.Column));
        var missing = Assert.Throws<TraceFormatException>(() => AzureTraceReader.Read(tmp.Write("c.csv", "TIMESTAMP,ContextTokens\n2023-11-16 18:17:03,1\n")));
        Assert.Equal("GeneratedTokens", missing.Column);
    }

    [Fact]
    public void Mooncake_milliseconds_become_seconds_and_hash_ids_are_skipped()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(
            "m.jsonl",
            "{\"timestamp\": 0, \"input_length\": 6758, \"output_length\": 500, \"hash_ids\": [0, 1, 2]}\n"
                + "{\"timestamp\": 0, \"input_length\": 7322, \"output_length\": 490, \"hash_ids\": []}\n"
                + "\n"
                + "{\"hash_ids\": [9], \"output_length\": 3, \"timestamp\": 1500, \"input_length\": 10}\n"
        );
        var trace = TraceReaders.Read(path);
        Assert.Equal("mooncake", trace.Format);
        Assert.Equal([0.0, 0.0, 1.5], trace.Timestamps);
        Assert.Equal([6758, 7322, 10], trace.RequestTokens);
        Assert.Equal([500, 490, 3], trace.ResponseTokens);
        Assert.Null(trace.PredictedTokens);
        Assert.Equal(2, TraceReaders.Read(path, maxRows: 2).Count);
    }

    [Fact]
    public void Mooncake_errors_name_file_line_and_field()
    {
        using var tmp = new TempFiles();
        var malformed = Assert.Throws<TraceFormatException>(() =>
            TraceReaders.Read(tmp.Write("a.jsonl", "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}\n{\"timestamp\": 1,\n"))
        );
        Assert.Equal(2, malformed.Line);
        Assert.Contains("malformed JSON", malformed.Message);
        var missing = Assert.Throws<TraceFormatException>(() => TraceReaders.Read(tmp.Write("b.jsonl", "{\"timestamp\": 0, \"input_length\": 1}\n")));
        Assert.Equal((1L, "output_length"), (missing.Line!.Value, missing.Column));
        var negative = Assert.Throws<TraceFormatException>(() =>
            TraceReaders.Read(tmp.Write("c.jsonl", "{\"timestamp\": 0, \"input_length\": -1, \"output_length\": 1}\n"))
        );
        Assert.Equal("input_length", negative.Column);
        var overflow = Assert.Throws<TraceFormatException>(() =>
            TraceReaders.Read(tmp.Write("d.jsonl", "{\"timestamp\": 0, \"input_length\": 1e12, \"output_length\": 1}\n"))
        );
        Assert.Contains("32 bits", overflow.Message);
    }

    [Fact]
    public void Predictions_can_come_from_an_azure_column_or_a_mooncake_field()
    {
        using var tmp = new TempFiles();
        var azure = TraceReaders.Read(tmp.Write("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens,PredictedTokens\n2023-11-16 18:17:03,10,5,7\n"));
        Assert.Equal([7], azure.PredictedTokens!);
        var mooncake = TraceReaders.Read(tmp.Write("m.jsonl", "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1, \"predicted_length\": 4}\n"));
        Assert.Equal([4], mooncake.PredictedTokens!);
        Assert.Equal([4], WorkloadBuilder.Build(mooncake, new WorkloadOptions { Predictor = "column" }).PredictedTokens.ToArray());
    }

    [Fact]
    public void Format_is_detected_by_extension_and_header_or_given()
    {
        using var tmp = new TempFiles();
        Assert.Equal(TraceFormat.Mooncake, TraceReaders.Detect(tmp.Write("x.jsonl", "{}\n")));
        Assert.Equal(TraceFormat.Mooncake, TraceReaders.Detect(tmp.Write("x.txt", "{\"timestamp\": 0}\n")));
        Assert.Equal(TraceFormat.Azure, TraceReaders.Detect(tmp.Write("x.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n")));
        Assert.Equal(TraceFormat.BurstGpt, TraceReaders.Detect(tmp.Write("y.csv", "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n")));
        Assert.Equal(TraceFormat.Azure, TraceReaders.Parse("AZURE"));
        Assert.Equal("Format", Assert.Single(Assert.Throws<Errors.ConfigurationException>(() => TraceReaders.Parse("parquet")).Errors).Property);
    }

    [Fact]
    public void Unsorted_real_format_traces_are_sorted_stably_and_keep_the_prefix_property()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(
            "m.jsonl",
            string.Concat(
                new[] { 3000, 1000, 1000, 2000, 5000 }.Select((t, i) => $"{{\"timestamp\": {t}, \"input_length\": {100 + i}, \"output_length\": {10 + i}}}\n")
            )
        );
        var w = WorkloadBuilder.Build(TraceReaders.Read(path), new WorkloadOptions { RealTimestamps = true });
        Assert.Equal([1, 2, 3, 0, 4], w.Ids.ToArray());
        Assert.Equal([0.0, 0.0, 1.0, 2.0, 4.0], w.Arrivals.ToArray());
        Assert.Contains("not sorted", Assert.Single(w.Warnings));

        var small = WorkloadBuilder.Build(TraceReaders.Read(path, maxRows: 2), new WorkloadOptions { RealTimestamps = true, Seed = 5 });
        var large = WorkloadBuilder.Build(TraceReaders.Read(path), new WorkloadOptions { RealTimestamps = true, Seed = 5 });
        // Predictions are drawn in file order before sorting, so row i's prediction is the same in both.
        Assert.Equal(small.PredictedTokens[Array.IndexOf(small.Ids.ToArray(), 1)], large.PredictedTokens[Array.IndexOf(large.Ids.ToArray(), 1)]);
    }

    [Fact]
    public void Written_burstgpt_files_read_back_identically()
    {
        using var tmp = new TempFiles();
        var trace = SyntheticBurstGpt.Generate(2_000);
        string path = Path.Combine(tmp.Folder, "s.csv");
        BurstGptWriter.Write(trace, path);
        var back = TraceReaders.Read(path);
        Assert.Equal(trace.Timestamps, back.Timestamps);
        Assert.Equal(trace.RequestTokens, back.RequestTokens);
        Assert.Equal(trace.ResponseTokens, back.ResponseTokens);
    }
}
