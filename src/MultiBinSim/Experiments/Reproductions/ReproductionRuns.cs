using System.Text;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// Deterministic parallel execution for reproductions: each run is a pure function of its index, results are stored by
/// index, so the output is identical for any degree of parallelism. Seeds are derived from the figure's name and the
/// run's coordinates, never from a shared generator.
/// </summary>
public static class ReproductionRuns
{
    /// <summary>Evaluates <paramref name="run"/> for 0..count-1 on up to <paramref name="parallelism"/> threads; result i is run(i).</summary>
    public static T[] Map<T>(int count, int parallelism, Func<int, T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var results = new T[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i => results[i] = run(i));
        return results;
    }

    /// <summary>
    /// A 32-bit seed from a name and integer coordinates (FNV-1a over the UTF-8 name and the coordinates, then the
    /// SplitMix64 finalizer): stable across runs, machines and thread counts.
    /// </summary>
    public static uint Seed(string name, params int[] coordinates)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        foreach (int c in coordinates)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                hash = (hash ^ (byte)(c >> shift)) * 1099511628211UL;
            }
        }

        hash += 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (uint)(hash ^ (hash >> 32));
    }

    /// <summary>The mean of <paramref name="values"/>.</summary>
    public static double Mean(IReadOnlyList<double> values) => MathNet.Numerics.Statistics.Statistics.Mean(values);

    /// <summary>The sample standard deviation of <paramref name="values"/> (0 for a single value).</summary>
    public static double StandardDeviation(IReadOnlyList<double> values) =>
        values.Count < 2 ? 0.0 : MathNet.Numerics.Statistics.Statistics.StandardDeviation(values);

    /// <summary>An evenly spaced grid from <paramref name="from"/> to <paramref name="to"/> (inclusive) in steps of <paramref name="step"/>.</summary>
    public static double[] Grid(double from, double to, double step)
    {
        int n = (int)Math.Floor((to - from) / step + 1e-9) + 1;
        return Enumerable.Range(0, n).Select(i => Math.Round(from + i * step, 10)).ToArray();
    }
}
