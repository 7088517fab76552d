namespace MultiBinSim.Workloads;

/// <summary>
/// A seeded Mersenne Twister (MT19937) that draws exactly what NumPy's legacy <c>np.random.seed(s)</c> /
/// <c>np.random.lognormal</c> draw: same seeding, same 53-bit doubles, same polar Box-Muller with a cached spare.
/// The original Python simulator drew its prediction noise this way, so with the same seed our
/// <c>prompt-power-law</c> predictor reproduces its predictions value for value.
/// One instance per run; never shared between threads.
/// </summary>
public sealed class NumpyLegacyRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;
    private bool _hasGauss;
    private double _gauss;

    public NumpyLegacyRandom(uint seed)
    {
        // init_genrand, which NumPy's legacy seeding uses for a scalar integer seed.
        _state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            uint prev = _state[i - 1];
            _state[i] = unchecked(1812433253u * (prev ^ (prev >> 30)) + (uint)i);
        }

        _index = N;
    }

    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits (NumPy's <c>random_sample</c>).</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Standard normal, NumPy's <c>legacy_gauss</c> (polar method, spare value kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double spare = _gauss;
            _gauss = 0.0;
            return spare;
        }

        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>exp(mean + sigma * Z), NumPy's <c>legacy_lognormal</c>.</summary>
    public double NextLogNormal(double mean, double sigma) => Math.Exp(mean + sigma * NextGaussian());

    /// <summary>Exponential with the given mean (inverse transform; not NumPy-compatible, used by the synthetic generator).</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    private void Twist()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
        var mt = _state;
        int kk;
        uint y;
        for (kk = 0; kk < N - M; kk++)
        {
            y = (mt[kk] & upper) | (mt[kk + 1] & lower);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ ((y & 1u) * matrixA);
        }

        for (; kk < N - 1; kk++)
        {
            y = (mt[kk] & upper) | (mt[kk + 1] & lower);
            mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1u) * matrixA);
        }

        y = (mt[N - 1] & upper) | (mt[0] & lower);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ ((y & 1u) * matrixA);
        _index = 0;
    }
}
