using System.Text.Json;
using MultiBinSim.Experiments;

namespace MultiBinSim.Tests.Research;

public class TheoryValidationTests
{
    [Fact]
    public void Closed_form_matches_hand_computed_values()
    {
        // k = 1, B = 1: one request per batch, mean service time 5.5 s -> 1/5.5 req/s.
        Assert.Equal(1 / 5.5, TheoryValidation.Throughput(1, 1, 1, 10), 12);
        // k = 1, B = 8: E[max of 8 uniform on [1, 10]] = 1 + 9 * 8/9 = 9 -> 8/9 req/s.
        Assert.Equal(8.0 / 9.0, TheoryValidation.Throughput(1, 8, 1, 10), 12);
        // More bins always help, and never beyond B / E[length].
        Assert.True(TheoryValidation.Throughput(16, 32, 1, 10) > TheoryValidation.Throughput(4, 32, 1, 10));
        Assert.True(TheoryValidation.Throughput(1_000_000, 32, 1, 10) < 32 / 5.5 + 1e-3);
    }

    [Fact]
    public void Simulated_throughput_reproduces_theorem_4_2_within_one_percent()
    {
        var points = TheoryValidation.Run(200_000);
        Assert.Equal(15, points.Count);
        Assert.All(points, p =>
            Assert.True(p.RelativeError < 0.01, $"k={p.K} B={p.BatchSize}: simulated {p.SimulatedThroughput}, theory {p.TheoryThroughput}")
        );
        // The gain the theorem predicts is visible in the simulation too: k = 16 beats k = 1 for every B.
        foreach (int b in TheoryValidation.BatchSizes)
        {
            Assert.True(
                points.Single(p => p.K == 16 && p.BatchSize == b).SimulatedThroughput
                    > points.Single(p => p.K == 1 && p.BatchSize == b).SimulatedThroughput * 1.1
            );
        }
    }

    [Fact]
    public void Simulated_latency_approaches_the_infinite_server_latency_as_load_falls()
    {
        var frame = TheoryValidation.LatencyVersusLoad(loads: [0.9, 0.5, 0.1], requests: 60_000);
        var ratio = Enumerable.Range(0, 3).Select(i => (double)frame.Columns["ratio"][i]).ToArray();
        Assert.True(ratio[0] > 1.02, $"at 90 % load servers are busy, so requests queue: ratio {ratio[0]}");
        Assert.InRange(ratio[1], 0.99, 1.01);
        Assert.InRange(ratio[2], 0.99, 1.01);
        // The bound itself: (B-1)/2 arrivals to wait for at rate/k, plus E[T_batch,k].
        Assert.Equal(4 * 7 / (2 * 2.0) + TheoryValidation.MeanBatchTime(4, 8, 1, 10), TheoryValidation.InfiniteServerLatency(4, 8, 1, 10, 2.0), 12);
    }

    [Fact]
    public void Json_has_one_object_per_point_with_the_documented_keys()
    {
        var json = JsonDocument.Parse(TheoryValidation.ToJson([new TheoryPoint(2, 8, 1, 10, 1.1, 1.2)])).RootElement;
        var point = Assert.Single(json.EnumerateArray());
        Assert.Equal(
            ["k", "batch_size", "l_min", "l_max", "simulated_throughput", "theory_throughput", "relative_error"],
            point.EnumerateObject().Select(p => p.Name)
        );
        Assert.Equal(0.1 / 1.2, point.GetProperty("relative_error").GetDouble(), 12);
    }
}
