using FsCheck.Xunit;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

/// <summary>The two-pass log-normal draw equals NumPy's sequential legacy_lognormal, call for call.</summary>
public class LogNormalNoiseTests
{
    private static double[] Sequential(uint seed, int count, double mean, double sigma)
    {
        var rng = new NumpyLegacyRandom(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = rng.NextLogNormal(mean, sigma);
        }

        return values;
    }

    [Property(MaxTest = 60)]
    public void Small_draws_equal_the_sequential_stream(uint seed, byte count, bool zeroMean)
    {
        double mean = zeroMean ? 0.0 : -0.3,
            sigma = 0.1 + (count % 7) * 0.2;
        Assert.Equal(Sequential(seed, count, mean, sigma), LogNormalNoise.Draw(seed, count, mean, sigma));
    }

    [Theory]
    [InlineData(42u, 100_001)] // odd, several parallel tasks
    [InlineData(7u, 65_536)] // an exact multiple of the task size in pairs
    [InlineData(1u, 32_769)]
    public void Large_draws_split_across_tasks_equal_the_sequential_stream(uint seed, int count)
    {
        var expected = Sequential(seed, count, 0.0, 0.1);
        var actual = LogNormalNoise.Draw(seed, count, 0.0, 0.1);
        Assert.Equal(expected, actual); // exact: the same arithmetic, bit for bit
    }

    [Fact]
    public void The_first_factors_are_numpys()
    {
        // np.random.seed(42); np.random.lognormal(0, 1, 2) = exp(0.4967141530112327), exp(-0.13826430117118466)
        var factors = LogNormalNoise.Draw(42, 2, 0.0, 1.0);
        Assert.Equal(Math.Exp(0.4967141530112327), factors[0], 14);
        Assert.Equal(Math.Exp(-0.13826430117118466), factors[1], 14);
    }
}
