using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Tests.Continuous.Dynamic;

/// <summary>Algorithm 2 of arXiv 2503.05248 step by step, against interval updates computed by hand from its lines 5-15.</summary>
public class SlaBatchSizeSearchTests
{
    /// <summary>D_SLA = 50 ms, eps_D = 5 ms, alpha = 4, delta = 2, [B_min, B_max] = [1, 256].</summary>
    private static SlaBatchSizeSearch Paper() => new(0.050, 0.005, alpha: 4, delta: 2, minBatch: 1, maxBatch: 256);

    [Fact]
    public void Starts_with_the_full_search_space()
    {
        var s = Paper();
        Assert.Equal((1, 256, 256), (s.Low, s.High, s.Current));
    }

    [Fact]
    public void Scripted_latencies_move_the_interval_as_the_paper_prescribes()
    {
        var s = Paper();
        // (observed step s, batch b, decoding N^d) -> expected (b_low, b_high, b_SLA)
        var script = new (double Tau, int Batch, int Decoding, int Low, int High, int B)[]
        {
            // too slow: high = max(128, 1 + 4) = 128, low = max(1 - 2, 1) = 1, b = floor(129 / 2) = 64 (>= N^d 60)
            (0.0582, 128, 60, 1, 128, 64),
            // too fast: low = min(64, 128 - 4) = 64, high = min(128 + 2, 256) = 130, b = 97
            (0.04408, 64, 64, 64, 130, 97),
            // in band: high = min(97 + 2, 256) = 99, low = max(97 - 2, 1) = 95, b = 97
            (0.05134, 97, 97, 95, 99, 97),
            // too slow: high = max(97, 95 + 4) = 99, low = max(95 - 2, 1) = 93, b = 96, line 15: max(96, N^d 100) = 100
            (0.060, 97, 100, 93, 99, 100),
            // too fast with a large batch: low = min(250, 99 - 4) = 95, high = min(99 + 2, 256) = 101, b = 98
            (0.030, 250, 10, 95, 101, 98),
            // just above the band: high = max(98, 95 + 4) = 99, low = max(95 - 2, 1) = 93, b = 96
            (0.0551, 98, 0, 93, 99, 96),
            // just inside the band: high = 96 + 2 = 98, low = 96 - 2 = 94, b = 96
            (0.0549, 96, 0, 94, 98, 96),
            // lower edge, outside: low = min(96, 98 - 4) = 94, high = min(98 + 2, 256) = 100, b = 97
            (0.0449, 96, 0, 94, 100, 97),
        };
        for (int i = 0; i < script.Length; i++)
        {
            var (tau, batch, decoding, low, high, b) = script[i];
            int got = s.Update(tau, batch, decoding);
            Assert.True((low, high, b) == (s.Low, s.High, got), $"step {i + 1}: expected [{low}, {high}] b = {b}, got [{s.Low}, {s.High}] b = {got}");
            Assert.Equal(got, s.Current);
        }
    }

    [Fact]
    public void Bounds_are_clamped_to_B_min_and_B_max_and_odd_alpha_halves_down()
    {
        var s = new SlaBatchSizeSearch(0.050, 0.005, alpha: 5, delta: 3, minBatch: 2, maxBatch: 10);
        // too fast: low = min(9, 10 - 5) = 5, high = min(10 + 3, 10) = 10, b = 7
        Assert.Equal(7, s.Update(0.010, 9, 0));
        Assert.Equal((5, 10), (s.Low, s.High));
        // in band, floor(5 / 2) = 2: high = min(9 + 2, 10) = 10, low = max(9 - 2, 2) = 7, b = 8
        Assert.Equal(8, s.Update(0.050, 9, 0));
        Assert.Equal((7, 10), (s.Low, s.High));
        // too slow: high = max(3, 7 + 5) = 12 (line 6 has no B_max clamp), low = max(7 - 3, 2) = 4, b = 8
        Assert.Equal(8, s.Update(0.100, 3, 0));
        Assert.Equal((4, 12), (s.Low, s.High));
        // in band: high = min(5 + 2, 10) = 7, low = max(5 - 2, 1) = 3, b = 5; line 15: min(max(5, N^d 30), 10) = 10
        var t = new SlaBatchSizeSearch(0.050, 0.005, alpha: 4, delta: 2, minBatch: 1, maxBatch: 10);
        Assert.Equal(10, t.Update(0.0549, 5, 30));
        // in band at b = 1: low = max(1 - 2, 1) = 1
        Assert.Equal(2, t.Update(0.050, 1, 0));
        Assert.Equal((1, 3), (t.Low, t.High));
    }

    [Fact]
    public void B_SLA_never_falls_below_B_min()
    {
        // [B_min, B_max] = [1, 1], alpha = 1: a fast step moves b_low = min(1, 1 - 1) = 0 (line 9 has no B_min clamp),
        // so the midpoint floor((0 + 1) / 2) is 0; with nothing decoding that would stop the replica for good.
        var s = new SlaBatchSizeSearch(0.050, 0.005, alpha: 1, delta: 1, minBatch: 1, maxBatch: 1);
        Assert.Equal(1, s.Update(0.010, 1, 0));
        Assert.Equal((0, 1), (s.Low, s.High));
    }
}
