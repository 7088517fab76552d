namespace MultiBinSim.Scheduling;

/// <summary>
/// The rule that picks the next bin, in one place for both engines: the batch engine's bins (<see cref="BinQueues"/>)
/// and the continuous engine's multi-bin admission rounds. Round-robin: the first non-empty bin at or after the cursor,
/// which then moves past it (it does not move when every bin is empty). Longest queue: the bin with the most waiting
/// requests, the lowest index on ties. The bins' counts come from <c>count(bin)</c>.
/// </summary>
public sealed class BinSelector(BinSelectionPolicy policy, int bins, Func<int, int> count)
{
    private int _cursor;

    /// <summary>The bin to serve next, or -1 when every bin is empty.</summary>
    public int Next()
    {
        if (policy == BinSelectionPolicy.LongestQueue)
        {
            int best = 0,
                most = count(0);
            for (int i = 1; i < bins; i++)
            {
                int c = count(i);
                if (c > most)
                {
                    (best, most) = (i, c);
                }
            }

            return most > 0 ? best : -1;
        }

        for (int offset = 0; offset < bins; offset++)
        {
            int i = _cursor + offset;
            if (i >= bins)
            {
                i -= bins;
            }

            if (count(i) > 0)
            {
                _cursor = i + 1 == bins ? 0 : i + 1;
                return i;
            }
        }

        return -1;
    }
}
