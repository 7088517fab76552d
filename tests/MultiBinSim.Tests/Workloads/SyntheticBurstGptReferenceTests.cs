using FsCheck.Xunit;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

/// <summary>
/// The two-stage generator (sequential stream, parallel copula) gives the rows of the plain sequential loop it
/// replaced, bit for bit: the committed results of every suite, notebook and test key depend on these rows.
/// </summary>
public class SyntheticBurstGptReferenceTests
{
    /// <summary>The generator as one sequential loop over NumpyLegacyRandom (the code before the two stages).</summary>
    private static (double[] Timestamps, int[] Request, int[] Response) Reference(int rows, int seed)
    {
        var (requestTable, responseTable) = SyntheticBurstGpt.Tables;
        var rng = new NumpyLegacyRandom(unchecked((uint)seed));
        var timestamps = new double[rows];
        var request = new int[rows];
        var response = new int[rows];
        double rho = SyntheticBurstGpt.LengthCorrelation,
            rhoComplement = Math.Sqrt(1 - rho * rho);
        double innovation = SyntheticBurstGpt.BurstSigma * Math.Sqrt(1 - SyntheticBurstGpt.BurstPersistence * SyntheticBurstGpt.BurstPersistence);
        long block = 0;
        double logBurst = SyntheticBurstGpt.BurstSigma * rng.NextGaussian();
        double blockRate = SyntheticBurstGpt.BlockRate(block, logBurst);
        double t = 0.0;
        for (int i = 0; i < rows; i++)
        {
            while (true)
            {
                double candidate = t + rng.NextExponential(1.0 / blockRate);
                double blockEnd = (block + 1) * SyntheticBurstGpt.BlockSeconds;
                if (candidate < blockEnd)
                {
                    t = candidate;
                    break;
                }

                t = blockEnd;
                block++;
                logBurst = SyntheticBurstGpt.BurstPersistence * logBurst + innovation * rng.NextGaussian();
                blockRate = SyntheticBurstGpt.BlockRate(block, logBurst);
            }

            timestamps[i] = Math.Floor(t);
            double u = rng.NextDouble();
            double z1 = rng.NextGaussian();
            double z2 = rho * z1 + rhoComplement * rng.NextGaussian();
            if (u < SyntheticBurstGpt.EmptyFailureShare)
            {
                continue;
            }

            request[i] = SyntheticBurstGpt.Lookup(requestTable, z1);
            response[i] = u < SyntheticBurstGpt.EmptyFailureShare + SyntheticBurstGpt.ResponseFailureShare ? 0 : SyntheticBurstGpt.Lookup(responseTable, z2);
        }

        return (timestamps, request, response);
    }

    private static void AssertSameRows(int rows, int seed)
    {
        var expected = Reference(rows, seed);
        var actual = SyntheticBurstGpt.Generate(rows, seed);
        Assert.Equal(expected.Timestamps, actual.Timestamps);
        Assert.Equal(expected.Request, actual.RequestTokens);
        Assert.Equal(expected.Response, actual.ResponseTokens);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(SyntheticBurstGpt.ChunkRows - 1)]
    [InlineData(SyntheticBurstGpt.ChunkRows)]
    [InlineData(SyntheticBurstGpt.ChunkRows + 1)]
    [InlineData((5 * SyntheticBurstGpt.ChunkRows) + 12_345)] // several chunks on two buffers, a partial last one
    public void The_default_seeds_rows_equal_the_sequential_loops(int rows) => AssertSameRows(rows, SyntheticBurstGpt.DefaultSeed);

    [Property(MaxTest = 12)]
    public void Any_seeds_rows_equal_the_sequential_loops(int seed, byte extra) => AssertSameRows(SyntheticBurstGpt.ChunkRows + (extra * 97), seed);
}
