using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiBinSim.Workloads;

/// <summary>
/// A seeded Mersenne Twister (MT19937) that draws exactly what NumPy's legacy <c>np.random.seed(s)</c> /
/// <c>np.random.lognormal</c> draw: same seeding, same 53-bit doubles, same polar Box-Muller with a cached spare.
/// The original Python simulator drew its prediction noise this way, so with the same seed our
/// <c>prompt-power-law</c> predictor reproduces its predictions value for value.
/// One instance per run; never shared between threads.
/// <para>
/// Speed: each twist refreshes the 624-word state and tempers all 624 outputs at once, 8 words per instruction where
/// the CPU has 256-bit vectors (the same integer operations as the scalar recurrence, so the same words, bit for bit;
/// the tests compare both paths with a reference MT19937); a draw is then one array read.
/// </para>
/// </summary>
public sealed class NumpyLegacyRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint Upper = 0x80000000u,
        Lower = 0x7fffffffu,
        MatrixA = 0x9908b0dfu;
    private const uint TemperB = 0x9d2c5680u,
        TemperC = 0xefc60000u;
    private readonly uint[] _state = new uint[N];
    private readonly uint[] _output = new uint[N];
    private readonly bool _vector;
    private int _index;
    private bool _hasGauss;
    private double _gauss;

    public NumpyLegacyRandom(uint seed)
        : this(seed, Vector256.IsHardwareAccelerated) { }

    /// <summary>Chooses the twist explicitly: tests run the scalar and the vector twist side by side.</summary>
    internal NumpyLegacyRandom(uint seed, bool vectorTwist)
    {
        // init_genrand, which NumPy's legacy seeding uses for a scalar integer seed.
        _state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            uint prev = _state[i - 1];
            _state[i] = unchecked(1812433253u * (prev ^ (prev >> 30)) + (uint)i);
        }

        _vector = vectorTwist;
        _index = N;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        int i = _index;
        if (i >= N)
        {
            Refill();
            i = 0;
        }

        _index = i + 1;
        return _output[i];
    }

    /// <summary>Uniform on [0, 1) with 53 random bits (NumPy's <c>random_sample</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

        NextPolarPair(out double x1, out double x2);
        double f = PolarFactor(x1, x2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>
    /// The polar method's next accepted pair of uniforms on (-1, 1), drawn as <see cref="NextGaussian"/> draws it, without
    /// its cached value: for code that evaluates the normals later (<see cref="LogNormalNoise"/>, the synthetic
    /// generator). The pair's normals are <see cref="PolarFactor"/> x2 (first) and <see cref="PolarFactor"/> x1 (cached).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NextPolarPair(out double x1, out double x2)
    {
        double r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
    }

    /// <summary>f = sqrt(-2 ln r2 / r2) of an accepted pair, r2 = x1^2 + x2^2: NumPy's legacy_gauss arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PolarFactor(double x1, double x2)
    {
        double r2 = x1 * x1 + x2 * x2;
        return Math.Sqrt(-2.0 * Math.Log(r2) / r2);
    }

    /// <summary>exp(mean + sigma * Z), NumPy's <c>legacy_lognormal</c>.</summary>
    public double NextLogNormal(double mean, double sigma) => Math.Exp(mean + sigma * NextGaussian());

    /// <summary>Exponential with the given mean (inverse transform; not NumPy-compatible, used by the synthetic generator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    private void Refill()
    {
        if (_vector)
        {
            TwistVector(_state);
            TemperVector(_state, _output);
        }
        else
        {
            TwistScalar(_state);
            for (int i = 0; i < N; i++)
            {
                _output[i] = Temper(_state[i]);
            }
        }

        _index = 0;
    }

    private static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & TemperB;
        y ^= (y << 15) & TemperC;
        y ^= y >> 18;
        return y;
    }

    private static uint Next(uint current, uint following, uint far)
    {
        uint y = (current & Upper) | (following & Lower);
        return far ^ (y >> 1) ^ ((y & 1u) * MatrixA);
    }

    private static void TwistScalar(uint[] mt)
    {
        int kk;
        for (kk = 0; kk < N - M; kk++)
        {
            mt[kk] = Next(mt[kk], mt[kk + 1], mt[kk + M]);
        }

        for (; kk < N - 1; kk++)
        {
            mt[kk] = Next(mt[kk], mt[kk + 1], mt[kk + (M - N)]);
        }

        mt[N - 1] = Next(mt[N - 1], mt[0], mt[M - 1]);
    }

    // The scalar recurrence 8 words at a time. Word kk reads words kk + 1 and kk + M (first part) or kk + M - N (second
    // part); within a block of 8, kk + 1 .. kk + 8 are still the old words (the block is loaded before it is stored) and
    // kk + M - N lies at least 227 words back, i.e. already updated, exactly as in the sequential loop.
    private static void TwistVector(uint[] mt)
    {
        var upper = Vector256.Create(Upper);
        var lower = Vector256.Create(Lower);
        var one = Vector256.Create(1u);
        var matrixA = Vector256.Create(MatrixA);
        var span = mt.AsSpan();
        int kk = 0;
        for (; kk + 8 <= N - M; kk += 8)
        {
            var y = (Vector256.Create(span.Slice(kk, 8)) & upper) | (Vector256.Create(span.Slice(kk + 1, 8)) & lower);
            var next = Vector256.Create(span.Slice(kk + M, 8)) ^ Vector256.ShiftRightLogical(y, 1) ^ ((Vector256<uint>.Zero - (y & one)) & matrixA);
            next.CopyTo(span.Slice(kk, 8));
        }

        for (; kk < N - M; kk++)
        {
            mt[kk] = Next(mt[kk], mt[kk + 1], mt[kk + M]);
        }

        for (; kk + 8 <= N - 1; kk += 8)
        {
            var y = (Vector256.Create(span.Slice(kk, 8)) & upper) | (Vector256.Create(span.Slice(kk + 1, 8)) & lower);
            var next = Vector256.Create(span.Slice(kk + (M - N), 8)) ^ Vector256.ShiftRightLogical(y, 1) ^ ((Vector256<uint>.Zero - (y & one)) & matrixA);
            next.CopyTo(span.Slice(kk, 8));
        }

        for (; kk < N - 1; kk++)
        {
            mt[kk] = Next(mt[kk], mt[kk + 1], mt[kk + (M - N)]);
        }

        mt[N - 1] = Next(mt[N - 1], mt[0], mt[M - 1]);
    }

    private static void TemperVector(uint[] state, uint[] output)
    {
        var b = Vector256.Create(TemperB);
        var c = Vector256.Create(TemperC);
        var source = state.AsSpan();
        var target = output.AsSpan();
        for (int i = 0; i < N; i += 8) // 624 = 78 x 8
        {
            var y = Vector256.Create(source.Slice(i, 8));
            y ^= Vector256.ShiftRightLogical(y, 11);
            y ^= Vector256.ShiftLeft(y, 7) & b;
            y ^= Vector256.ShiftLeft(y, 15) & c;
            y ^= Vector256.ShiftRightLogical(y, 18);
            y.CopyTo(target.Slice(i, 8));
        }
    }
}
