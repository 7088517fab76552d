using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Tests.Continuous.Dynamic;

/// <summary>Algorithm 1 of arXiv 2503.05248 (eq. 12 and the clamp of line 6) against hand computations.</summary>
public class MemoryAwareBatchSizeTests
{
    /// <summary>
    /// Requests (100, 50) and (300, 150): mu = 200 + 100 = 300, sigma^2 = 20,000 + 5,000 (sample variances),
    /// theta = Phi^-1(0.95) = 1.644854, eta = 10,000: sqrt(b) = (sqrt((sigma theta)^2 + 4 mu eta) - sigma theta) / (2 mu)
    /// = 5.3563, b = floor(28.69) = 28; indeed 28 mu + theta sigma sqrt(28) = 9,776 &lt;= eta &lt; 10,101 at b = 29.
    /// </summary>
    [Fact]
    public void Bound_is_eq_12_with_the_running_means_and_variances()
    {
        var m = new MemoryAwareBatchSize(10_000, 0.05, maxBatch: 256);
        m.Observe(100, 50);
        m.Observe(300, 150);
        Assert.Equal(1.6448536269514715, m.Theta, 12);
        Assert.Equal(28, m.Update(decoding: 5, prefillPending: 3));
        Assert.Equal(28, MemoryAwareBatchSize.Bound(300, Math.Sqrt(25_000), 10_000, m.Theta));
    }

    [Fact]
    public void Constant_lengths_give_the_plain_quotient()
    {
        // sigma = 0: b = eta / mu exactly (L0 = 0).
        Assert.Equal(40, MemoryAwareBatchSize.Bound(200, 0, 8_000, 1.64));
        Assert.Equal(39, MemoryAwareBatchSize.Bound(200, 0, 7_999, 1.64));
    }

    [Fact]
    public void Line_6_clamps_to_the_running_decodes_and_to_B_max()
    {
        var m = new MemoryAwareBatchSize(10_000, 0.05, maxBatch: 256);
        m.Observe(100, 50);
        m.Observe(300, 150);
        Assert.Equal(40, m.Update(decoding: 40, prefillPending: 1)); // max(28, N^d = 40)
        var small = new MemoryAwareBatchSize(10_000, 0.05, maxBatch: 20);
        small.Observe(100, 50);
        small.Observe(300, 150);
        Assert.Equal(20, small.Update(decoding: 5, prefillPending: 1)); // min(28, B_max = 20)
    }

    [Fact]
    public void Line_4_updates_only_with_both_decodes_and_pending_prefills_and_after_a_completion()
    {
        var m = new MemoryAwareBatchSize(10_000, 0.05, maxBatch: 256);
        Assert.Equal(256, m.Update(decoding: 5, prefillPending: 5)); // no statistics yet: keeps B_max
        m.Observe(100, 50);
        m.Observe(300, 150);
        Assert.Equal(256, m.Update(decoding: 0, prefillPending: 5)); // N^d = 0: keeps b_{t-1}
        Assert.Equal(256, m.Update(decoding: 5, prefillPending: 0)); // N^p = 0: keeps b_{t-1}
        Assert.Equal(28, m.Update(decoding: 5, prefillPending: 1));
        m.Observe(200, 100); // mu still 300, sample variances 10,000 + 2,500: sqrt(b) = 5.47513, b = floor(29.977) = 29
        Assert.Equal(28, m.Update(decoding: 0, prefillPending: 1));
        Assert.Equal(29, m.Update(decoding: 1, prefillPending: 1));
    }
}
