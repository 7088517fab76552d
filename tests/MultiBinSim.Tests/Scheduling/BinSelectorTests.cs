using MultiBinSim.Scheduling;

namespace MultiBinSim.Tests.Scheduling;

/// <summary>The bin rule both engines share.</summary>
public class BinSelectorTests
{
    [Fact]
    public void Round_robin_takes_the_first_non_empty_bin_from_the_cursor_and_moves_past_it()
    {
        int[] counts = [0, 3, 0, 2];
        var selector = new BinSelector(BinSelectionPolicy.RoundRobin, counts.Length, b => counts[b]);
        Assert.Equal(1, selector.Next());
        Assert.Equal(3, selector.Next());
        Assert.Equal(1, selector.Next()); // wraps around
        counts = [0, 0, 0, 0];
        Assert.Equal(-1, selector.Next()); // all empty: the cursor stays after bin 1
        counts = [5, 0, 4, 0];
        Assert.Equal(2, selector.Next());
    }

    [Fact]
    public void Longest_queue_takes_the_fullest_bin_and_the_lowest_on_ties()
    {
        int[] counts = [1, 4, 4, 2];
        var selector = new BinSelector(BinSelectionPolicy.LongestQueue, counts.Length, b => counts[b]);
        Assert.Equal(1, selector.Next());
        Assert.Equal(1, selector.Next()); // no cursor: the same bin while it stays the longest
        counts = [0, 0, 0, 0];
        Assert.Equal(-1, selector.Next());
    }
}
