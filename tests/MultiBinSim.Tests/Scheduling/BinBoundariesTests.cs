using MultiBinSim.Scheduling;

namespace MultiBinSim.Tests.Scheduling;

public class BinBoundariesTests
{
    [Fact]
    public void Equal_mass_boundaries_use_linear_interpolation_quantiles()
    {
        // n = 10, K = 4: virtual indices 0, 2.25, 4.5, 6.75 -> 1, 3.25, 5.5, 7.75 -> floors 1, 3, 5, 7.
        var b = BinBoundaries.Compute([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 4);
        Assert.Equal([1, 3, 5, 7], b.LowerBounds);
        Assert.Equal("[1, 3) [3, 5) [5, 7) [7, inf)", b.ToString());
        Assert.Empty(b.EmptyBins);
    }

    [Theory]
    [InlineData(0, 0)] // below the first bound: bin 0 (the original simulator sent these to the last bin)
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 3)]
    [InlineData(100_000, 3)]
    public void Locate_puts_a_prediction_in_the_bin_whose_range_holds_it(int predicted, int bin)
    {
        Assert.Equal(bin, new BinBoundaries([1, 3, 5, 7]).Locate(predicted));
    }

    [Fact]
    public void Ties_make_empty_bins_that_receive_nothing()
    {
        // n = 6, K = 3: virtual indices 0, 1.67, 3.33 over [5,5,5,5,5,9] -> 5, 5, 5.
        var b = BinBoundaries.Compute([5, 5, 9, 5, 5, 5], 3);
        Assert.Equal([5, 5, 5], b.LowerBounds);
        Assert.Equal([0, 1], b.EmptyBins);
        Assert.Equal(2, b.Locate(5));
        Assert.Equal(2, b.Locate(9));
        Assert.Equal(0, b.Locate(4));
    }

    [Fact]
    public void More_bins_than_distinct_values_still_works()
    {
        var b = BinBoundaries.Compute([1, 2], 8);
        Assert.Equal(Enumerable.Repeat(1, 8), b.LowerBounds);
        Assert.Equal(7, b.Locate(2));
        Assert.Equal(Enumerable.Range(0, 7), b.EmptyBins);
        Assert.Equal(64, BinBoundaries.Compute(Enumerable.Range(0, 1000).ToArray(), 64).K);
    }

    [Fact]
    public void K_of_one_is_a_single_unbounded_bin()
    {
        var b = BinBoundaries.Compute([50, 60], 1);
        Assert.Equal([0], b.LowerBounds);
        Assert.Equal(0, b.Locate(0));
        Assert.Equal(0, b.Locate(int.MaxValue));
    }

    [Fact]
    public void Only_the_first_sample_size_predictions_count()
    {
        int[] predictions = [1, 1, 1, 1, 100, 100, 100, 100];
        Assert.Equal([1, 1], BinBoundaries.Compute(predictions, 2, sampleSize: 4).LowerBounds);
        // n = 8: virtual index 3.5 between 1 and 100 -> 50.5 -> 50.
        Assert.Equal([1, 50], BinBoundaries.Compute(predictions, 2, sampleSize: 8).LowerBounds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void K_out_of_range_names_the_option(int k)
    {
        var e = Assert.Throws<ArgumentException>(() => BinBoundaries.Compute([1, 2, 3], k));
        Assert.Contains("K must be between 1 and 64", e.Message);
    }
}
