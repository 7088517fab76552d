using FsCheck.Xunit;
using MultiBinSim.Reporting;

namespace MultiBinSim.Tests.Charts;

/// <summary>The Pareto frontier on hand-made points whose frontier is known, and against the definition on random points.</summary>
public class ParetoFrontierTests
{
    [Fact]
    public void Minimising_both_keeps_the_non_dominated_points_with_ties_and_duplicates()
    {
        //            0       1       2       3       4       5 (= 1)  6 (x tie with 0, worse y)
        double[] x = [1, 2, 3, 4, 5, 2, 1];
        double[] y = [5, 3, 4, 1, 1, 3, 6];
        // (3,4) is dominated by (2,3); (5,1) by (4,1) (same y, larger x); (1,6) by (1,5) (same x, larger y);
        // the duplicate (2,3) is not dominated by its twin, so both copies stay.
        Assert.Equal([0, 1, 5, 3], ParetoFrontier.Indices(x, y, Goal.Minimize, Goal.Minimize));
    }

    [Fact]
    public void Maximising_throughput_and_minimising_latency_gives_the_trade_off_curve()
    {
        // throughput (req/s) and p95 latency (s)
        double[] throughput = [10, 20, 15, 20, 5];
        double[] latency = [1, 2, 3, 2.5, 0.5];
        // (15, 3) is dominated by (20, 2); (20, 2.5) by (20, 2) (same throughput, higher latency).
        Assert.Equal([4, 0, 1], ParetoFrontier.Indices(throughput, latency, Goal.Maximize, Goal.Minimize));
    }

    [Fact]
    public void Edge_cases_empty_single_identical_and_non_finite()
    {
        Assert.Empty(ParetoFrontier.Indices([], [], Goal.Minimize, Goal.Minimize));
        Assert.Equal([0], ParetoFrontier.Indices([3.0], [7.0], Goal.Maximize, Goal.Maximize));
        Assert.Equal([0, 1, 2], ParetoFrontier.Indices([2.0, 2, 2], [1.0, 1, 1], Goal.Minimize, Goal.Minimize));
        // NaN and infinity never count, nor dominate: (0, NaN) would otherwise beat everything in x.
        Assert.Equal([2], ParetoFrontier.Indices([0.0, double.NegativeInfinity, 1], [double.NaN, 0, 1], Goal.Minimize, Goal.Minimize));
        // A single point that beats all others in both coordinates is the whole frontier.
        Assert.Equal([1], ParetoFrontier.Indices([3.0, 1, 2], [3.0, 1, 2], Goal.Minimize, Goal.Minimize));
        Assert.Throws<ArgumentException>(() => ParetoFrontier.Indices([1.0], [1.0, 2], Goal.Minimize, Goal.Minimize));
    }

    [Property(MaxTest = 300)]
    public void Agrees_with_the_definition_on_random_points_with_many_ties(byte[] xs, byte[] ys)
    {
        // Coordinates 0..5 force ties and duplicates; the brute force applies the definition pairwise.
        int n = Math.Min(xs.Length, ys.Length);
        var x = xs.Take(n).Select(v => (double)(v % 6)).ToArray();
        var y = ys.Take(n).Select(v => (double)(v % 6)).ToArray();
        foreach (var (xGoal, yGoal) in new[] { (Goal.Minimize, Goal.Minimize), (Goal.Maximize, Goal.Minimize), (Goal.Maximize, Goal.Maximize) })
        {
            double Cx(int i) => xGoal == Goal.Maximize ? -x[i] : x[i];
            double Cy(int i) => yGoal == Goal.Maximize ? -y[i] : y[i];
            bool Dominates(int p, int q) => Cx(p) <= Cx(q) && Cy(p) <= Cy(q) && (Cx(p) < Cx(q) || Cy(p) < Cy(q));
            var expected = Enumerable.Range(0, n).Where(q => !Enumerable.Range(0, n).Any(p => Dominates(p, q))).OrderBy(i => x[i]).ThenBy(i => i).ToArray();
            Assert.Equal(expected, ParetoFrontier.Indices(x, y, xGoal, yGoal));
        }
    }
}
