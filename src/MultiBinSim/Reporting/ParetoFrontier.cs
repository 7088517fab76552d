namespace MultiBinSim.Reporting;

/// <summary>Whether a larger or a smaller value of a coordinate is better.</summary>
public enum Goal
{
    /// <summary>Smaller is better (latency).</summary>
    Minimize,

    /// <summary>Larger is better (throughput).</summary>
    Maximize,
}

/// <summary>
/// The Pareto frontier of points in two objectives: the points no other point dominates. Point p dominates q when p is
/// at least as good as q in both coordinates and strictly better in one. Exact duplicates do not dominate each other, so
/// every copy of a frontier point is on the frontier; points with a NaN or infinite coordinate are never on it.
/// </summary>
public static class ParetoFrontier
{
    /// <summary>
    /// The indices of the non-dominated points of (<paramref name="x"/>[i], <paramref name="y"/>[i]), ordered by x
    /// ascending (then by index): the order in which a frontier line joins them.
    /// </summary>
    public static int[] Indices(IReadOnlyList<double> x, IReadOnlyList<double> y, Goal xGoal, Goal yGoal)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values and y {y.Count}; they must pair up.", nameof(y));
        }

        // Reduce to minimising both: negate a maximised coordinate. Sort by (x, y) ascending; a point is on the
        // frontier when its y is below every y seen so far, or it repeats the last frontier point exactly.
        double Cost(double v, Goal goal) => goal == Goal.Maximize ? -v : v;
        var order = Enumerable
            .Range(0, x.Count)
            .Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i]))
            .OrderBy(i => Cost(x[i], xGoal))
            .ThenBy(i => Cost(y[i], yGoal))
            .ThenBy(i => i)
            .ToArray();
        var frontier = new List<int>();
        double bestY = double.PositiveInfinity;
        foreach (int i in order)
        {
            double cx = Cost(x[i], xGoal),
                cy = Cost(y[i], yGoal);
            bool duplicate = frontier.Count > 0 && Cost(x[frontier[^1]], xGoal) == cx && Cost(y[frontier[^1]], yGoal) == cy;
            if (cy < bestY || duplicate)
            {
                frontier.Add(i);
                bestY = Math.Min(bestY, cy);
            }
        }

        return frontier.OrderBy(i => x[i]).ThenBy(i => i).ToArray();
    }
}
