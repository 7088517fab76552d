using FsCheck.Xunit;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

/// <summary>The streamed synthetic trace, predictions and workload equal the in-memory ones, request for request.</summary>
public class WorkloadStreamTests
{
    private static (double[] Timestamps, int[] Request, int[] Response) ReadAll(ITraceRowSource source, int rows, int readSize)
    {
        var timestamps = new List<double>();
        var request = new List<int>();
        var response = new List<int>();
        var t = new double[readSize];
        var q = new int[readSize];
        var s = new int[readSize];
        // Dirty buffers: the source must write every field of every row it returns.
        Array.Fill(q, -1);
        Array.Fill(s, -1);
        int got;
        while ((got = source.Read(t, q, s)) > 0)
        {
            timestamps.AddRange(t.AsSpan(0, got));
            request.AddRange(q.AsSpan(0, got));
            response.AddRange(s.AsSpan(0, got));
        }

        Assert.Equal(rows, timestamps.Count);
        return (timestamps.ToArray(), request.ToArray(), response.ToArray());
    }

    [Property(MaxTest = 12)]
    public void Synthetic_rows_stream_as_generated(ushort rowsSeed, int seed, byte readSeed)
    {
        int rows = 1 + rowsSeed % 150_000; // up to three generator chunks
        int readSize = readSeed % 3 == 0 ? SyntheticBurstGpt.ChunkRows : 1 + readSeed * 37;
        var trace = SyntheticBurstGpt.Generate(rows, seed);
        var (timestamps, request, response) = ReadAll(SyntheticBurstGpt.Rows(rows, seed), rows, readSize);
        Assert.Equal(trace.Timestamps, timestamps);
        Assert.Equal(trace.RequestTokens, request);
        Assert.Equal(trace.ResponseTokens, response);
    }

    [Property(MaxTest = 40)]
    public void Predictions_in_chunks_equal_one_prediction(int seed, byte chunkSeed, ushort countSeed, byte predictorSeed)
    {
        int count = countSeed % 5000;
        var trace = SyntheticBurstGpt.Generate(Math.Max(1, count));
        var prompt = trace.RequestTokens.AsSpan(0, count).ToArray();
        var output = trace.ResponseTokens.AsSpan(0, count).ToArray();
        var predictor = Predictors.Create(Predictors.Names[predictorSeed % 3], 0.5); // the column predictor has its own test
        var expected = new int[count];
        predictor.Predict(new PredictionInput(prompt, output, default, false), expected, seed);

        var actual = new int[count];
        var stream = predictor.Stream(seed);
        int chunk = 1 + chunkSeed % 97;
        for (int from = 0; from < count; from += chunk)
        {
            int n = Math.Min(chunk, count - from);
            stream.Predict(new PredictionInput(prompt.AsSpan(from, n), output.AsSpan(from, n), default, false), actual.AsSpan(from, n));
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_column_predictor_streams_its_column()
    {
        int[] column = [5, 7, 9];
        var destination = new int[3];
        new ColumnPredictor().Stream(1).Predict(new PredictionInput(new int[3], new int[3], column, true), destination);
        Assert.Equal(column, destination);
    }

    public static TheoryData<int, int, string, bool> Workloads =>
        new()
        {
            { 1, 42, "prompt-power-law", false },
            { 4_999, 7, "prompt-power-law", false },
            { 65_537, 42, "noisy-oracle", false },
            { 140_001, 3, "prompt-power-law", true },
            { 20_000, 11, "oracle", false },
        };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void A_synthetic_stream_is_the_built_workload(int rows, int seed, string predictor, bool realTimestamps)
    {
        var options = new WorkloadOptions
        {
            Requests = rows,
            Seed = seed,
            Predictor = predictor,
            RealTimestamps = realTimestamps,
            RpsScaling = 37.5,
        };
        var built = WorkloadBuilder.Build(Datasets.Load(Datasets.Synthetic, rows), options);
        var stream = WorkloadStream.Synthetic(options);
        Assert.Equal(built.Count, stream.Count);

        var ids = new List<int>();
        var arrivals = new List<double>();
        var prompt = new List<int>();
        var output = new List<int>();
        var predicted = new List<int>();
        var chunk = new WorkloadChunk(10_007); // chunks that do not line up with the generator's
        while (stream.Read(chunk))
        {
            ids.AddRange(chunk.Ids.AsSpan(0, chunk.Count));
            arrivals.AddRange(chunk.Arrivals.AsSpan(0, chunk.Count));
            prompt.AddRange(chunk.Prompt.AsSpan(0, chunk.Count));
            output.AddRange(chunk.Output.AsSpan(0, chunk.Count));
            predicted.AddRange(chunk.Predicted.AsSpan(0, chunk.Count));
        }

        Assert.Equal(built.Ids.ToArray(), ids);
        Assert.Equal(built.Arrivals.ToArray(), arrivals);
        Assert.Equal(built.PromptTokens.ToArray(), prompt);
        Assert.Equal(built.OutputTokens.ToArray(), output);
        Assert.Equal(built.PredictedTokens.ToArray(), predicted);

        var head = stream.Head(5000);
        Assert.Equal(built.Prefix(5000).PredictedTokens.ToArray(), head.PredictedTokens.ToArray());
        Assert.Equal(built.DisplayName, head.DisplayName);
        Assert.Equal(built.Predictor, head.Predictor);
    }
}
