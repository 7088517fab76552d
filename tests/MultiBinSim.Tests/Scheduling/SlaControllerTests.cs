using MultiBinSim.Scheduling;

namespace MultiBinSim.Tests.Scheduling;

public class SlaControllerTests
{
    [Fact]
    public void Warm_up_returns_the_midpoint_without_changing_the_interval()
    {
        var c = new SlaController(dSla: 1.0, epsilon: 0.1, bMin: 1, bMax: 128);
        Assert.Equal(64, c.NextBatchSize());
        c.Update(5.0, 64);
        c.Update(5.0, 64);
        Assert.Equal(64, c.NextBatchSize()); // only 2 updates: still warming up
        Assert.Equal((1, 128), (c.BLow, c.BHigh));
    }

    [Fact]
    public void Scripted_sequence_moves_the_interval_as_the_algorithm_says()
    {
        var c = new SlaController(1.0, 0.1, 1, 128);
        for (int i = 0; i < 3; i++)
        {
            c.Update(2.0, 64); // tau: 0.4, 0.72, 0.976; b_avg stays 64
        }

        Assert.Equal(0.976, c.AverageServiceTime, 12);
        // In band [0.8, 1.2]: margin = max(2, trunc(0.15 * 127)) = 19 -> [45, 83] -> 64.
        Assert.Equal(64, c.NextBatchSize());
        Assert.Equal((45, 83), (c.BLow, c.BHigh));

        c.Update(2.0, 64); // tau = 1.1808
        // Still in band: margin = max(2, trunc(0.15 * 38)) = 5 -> [59, 69] -> 64.
        Assert.Equal(64, c.NextBatchSize());
        Assert.Equal((59, 69), (c.BLow, c.BHigh));

        c.Update(3.0, 64); // tau = 1.54464 > 1.2
        // Too slow: b_high = min(69, trunc(0.9 * 64)) = 57, b_low = max(1, min(59, trunc(0.7 * 64))) = 44 -> 50.
        Assert.Equal(50, c.NextBatchSize());
        Assert.Equal((44, 57), (c.BLow, c.BHigh));

        // The state changes on every call: asking again shrinks again (b_high = min(57, 57), b_low = min(44, 44)).
        Assert.Equal(50, c.NextBatchSize());
    }

    [Fact]
    public void Fast_batches_raise_the_interval()
    {
        var c = new SlaController(1.0, 0.1, 1, 128);
        for (int i = 0; i < 3; i++)
        {
            c.Update(0.1, 10); // tau 0.0488; b_avg 53.2, 44.56, 37.648
        }

        // tau < 0.8: b_low = max(1, trunc(37.648)) = 37, b_high = min(128 + trunc(11.29), 128) = 128 -> 82.
        Assert.Equal(82, c.NextBatchSize());
        Assert.Equal((37, 128), (c.BLow, c.BHigh));
    }

    [Fact]
    public void Interval_never_leaves_the_limits()
    {
        var c = new SlaController(0.5, 0.05, 4, 16);
        var rng = new Random(1);
        for (int i = 0; i < 10_000; i++)
        {
            c.Update(rng.NextDouble() * 2, rng.Next(1, 40));
            int b = c.NextBatchSize();
            Assert.InRange(b, 4, 16);
            Assert.True(4 <= c.BLow && c.BLow <= c.BHigh && c.BHigh <= 16);
        }
    }
}
