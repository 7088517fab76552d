using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;

namespace MultiBinSim.Workloads;

/// <summary>
/// The embedded default dataset: a deterministic, seeded, <b>synthetic</b> trace in BurstGPT's shape.
/// <para>
/// Token lengths: request and response tokens follow the empirical quantile functions of the genuine BurstGPT
/// 7-day slice (knots at every percentile, 0.5 %, 99.5 %, 99.9 % and the extremes; linear in between), joined by a
/// Gaussian copula whose correlation (0.31) matches the slice's Spearman rank correlation (0.30). 7.9 % of rows are
/// failures with 0 response tokens (almost all of them 0/0/0, as in BurstGPT).
/// </para>
/// <para>
/// Arrivals: a Poisson process whose rate is piecewise constant over 10-minute blocks: the mean rate of the full
/// BurstGPT_1 (0.27 req/s) times the slice's hour-of-day profile times a log-normal burst factor that persists
/// across blocks (AR(1) in log space). Timestamps are whole seconds, as in BurstGPT.
/// </para>
/// Row i depends only on the seed and rows before it, so N rows are always a prefix of any larger N.
/// </summary>
public static class SyntheticBurstGpt
{
    /// <summary>Rows of BurstGPT_1.csv, the trace this one stands in for.</summary>
    public const int DefaultRows = 1_429_737;

    /// <summary>The dataset's own seed: part of its identity, independent of a run's seed.</summary>
    public const int DefaultSeed = 20_250_107;

    public const double MeanRatePerSecond = 0.27;

    /// <summary>Share of rows with 0 request and 0 response tokens (1,535 of 19,431 in the slice).</summary>
    public const double EmptyFailureShare = 1535.0 / 19431.0;

    /// <summary>Share of rows with a prompt but 0 response tokens (3 of 19,431 in the slice).</summary>
    public const double ResponseFailureShare = 3.0 / 19431.0;

    public const double LengthCorrelation = 0.31;
    public const double BlockSeconds = 600.0;
    public const double BurstSigma = 0.6;
    public const double BurstPersistence = 0.8;

    // Quantile knots of the genuine slice's successful rows (17,893 rows; linear-interpolation quantiles).
    private static readonly double[] Probabilities =
    [
        0,
        0.005,
        0.01,
        0.02,
        0.03,
        0.04,
        0.05,
        0.06,
        0.07,
        0.08,
        0.09,
        0.1,
        0.11,
        0.12,
        0.13,
        0.14,
        0.15,
        0.16,
        0.17,
        0.18,
        0.19,
        0.2,
        0.21,
        0.22,
        0.23,
        0.24,
        0.25,
        0.26,
        0.27,
        0.28,
        0.29,
        0.3,
        0.31,
        0.32,
        0.33,
        0.34,
        0.35,
        0.36,
        0.37,
        0.38,
        0.39,
        0.4,
        0.41,
        0.42,
        0.43,
        0.44,
        0.45,
        0.46,
        0.47,
        0.48,
        0.49,
        0.5,
        0.51,
        0.52,
        0.53,
        0.54,
        0.55,
        0.56,
        0.57,
        0.58,
        0.59,
        0.6,
        0.61,
        0.62,
        0.63,
        0.64,
        0.65,
        0.66,
        0.67,
        0.68,
        0.69,
        0.7,
        0.71,
        0.72,
        0.73,
        0.74,
        0.75,
        0.76,
        0.77,
        0.78,
        0.79,
        0.8,
        0.81,
        0.82,
        0.83,
        0.84,
        0.85,
        0.86,
        0.87,
        0.88,
        0.89,
        0.9,
        0.91,
        0.92,
        0.93,
        0.94,
        0.95,
        0.96,
        0.97,
        0.98,
        0.99,
        0.995,
        0.999,
        1,
    ];

    private static readonly double[] RequestKnots =
    [
        8,
        11,
        13,
        15,
        17,
        18,
        20,
        21,
        23,
        25,
        27,
        29,
        32,
        34,
        38,
        42,
        46,
        52,
        57,
        64,
        71,
        78,
        86,
        96,
        105,
        116,
        127,
        138,
        152,
        165,
        178,
        192,
        205,
        218,
        233,
        249,
        264,
        282,
        300,
        316,
        333,
        347,
        362,
        378,
        393.6,
        410.5,
        425,
        440,
        454,
        470,
        487,
        502,
        517,
        535,
        550.8,
        569,
        589,
        609,
        629,
        651,
        673,
        699,
        721,
        744,
        769,
        794,
        821,
        849,
        877.6,
        904,
        928,
        954,
        982,
        1012,
        1042,
        1078,
        1109,
        1139,
        1177,
        1208,
        1245,
        1278,
        1310.5,
        1351.4,
        1386,
        1416,
        1452.2,
        1490,
        1526,
        1560,
        1598,
        1641,
        1684,
        1722,
        1768,
        1817,
        1863.4,
        1918.3,
        1975,
        2044.2,
        2389.1,
        2650.9,
        3299.9,
        5087,
    ];

    private static readonly double[] ResponseKnots =
    [
        1,
        3,
        4,
        8,
        10,
        12,
        15,
        17,
        19,
        22,
        24,
        27,
        30,
        33,
        36,
        40,
        45,
        45,
        48,
        53,
        56,
        60,
        65,
        69,
        74,
        80,
        85,
        90,
        95,
        102,
        107,
        112,
        119,
        125,
        132,
        138,
        144,
        150,
        157,
        163,
        169,
        176,
        181,
        188,
        194,
        200,
        206,
        212,
        217,
        223,
        229,
        236,
        241,
        247,
        254,
        260,
        266,
        272,
        278,
        283,
        289,
        295,
        300,
        306,
        312,
        318,
        323,
        330,
        336,
        342,
        347,
        353,
        359,
        365,
        372,
        379,
        386,
        393,
        401,
        409,
        416,
        424,
        434,
        443,
        452,
        462,
        472,
        483,
        495,
        506,
        521,
        536,
        549,
        565,
        584,
        605,
        634,
        671.3,
        714,
        785,
        933.1,
        1076,
        1514.8,
        2048,
    ];

    // Requests per hour of day in the slice, relative to the daily mean (sums to 24).
    private static readonly double[] HourOfDayProfile = NormalizeToMeanOne([
        0.46,
        0.28,
        0.22,
        0.08,
        0.05,
        0.05,
        0.02,
        0.07,
        0.34,
        1.25,
        1.80,
        2.17,
        0.87,
        1.04,
        1.65,
        2.37,
        2.22,
        1.66,
        1.11,
        1.20,
        1.41,
        1.41,
        1.30,
        0.98,
    ]);

    private const double GridMin = -6.0,
        GridMax = 6.0,
        GridStep = 1.0 / 256;
    private static readonly Lazy<(double[] Request, double[] Response)> QuantileTables = new(BuildTables);

    /// <summary>The copula's quantile tables (request, response) on the normal grid; for the reference test.</summary>
    internal static (double[] Request, double[] Response) Tables => QuantileTables.Value;

    /// <summary>Rows per chunk of the two-stage generation (see <see cref="Generate"/>).</summary>
    internal const int ChunkRows = 1 << 16;

    /// <summary>Generates the first <paramref name="rows"/> rows of the synthetic trace for <paramref name="seed"/>.</summary>
    /// <remarks>
    /// Two stages, the same rows bit for bit as one sequential loop (a test keeps that loop as the reference): the
    /// arrival process and every draw's place in the stream are sequential (a row's draws start where the previous
    /// row's ended: block crossings draw extra numbers and the polar method rejects a random number of pairs), so a
    /// first stage follows the stream chunk by chunk, writing timestamps and keeping, per row, its uniform and the
    /// polar pairs of its two normals; the transcendental work of those normals and the length copula (logarithm,
    /// square root, quantile lookups: about half the cost) only needs that row's own numbers, so a second stage does it
    /// for one chunk on another core while the first stage draws the next. Each row is a function of its own numbers,
    /// so the rows are the same for any number of cores.
    /// </remarks>
    public static Trace Generate(int rows = DefaultRows, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var tables = QuantileTables.Value;
        var timestamps = new double[rows];
        var request = new int[rows];
        var response = new int[rows];
        var stream = new ArrivalStream(new NumpyLegacyRandom(unchecked((uint)seed)));
        var chunks = new[] { new Chunk(), new Chunk() };
        var finishing = new Task?[2];
        for (int from = 0, index = 0; from < rows; from += ChunkRows, index ^= 1)
        {
            int to = Math.Min(rows, from + ChunkRows);
            finishing[index]?.Wait(); // the chunk's buffers are free again once their rows are finished
            var chunk = chunks[index];
            stream.Draw(chunk, from, to, timestamps, from);
            if (from == 0 && to == rows)
            {
                chunk.Finish(tables, request, response, from); // one chunk: nothing to overlap
            }
            else
            {
                int destination = from;
                finishing[index] = Task.Run(() => chunk.Finish(tables, request, response, destination));
            }
        }

        foreach (var task in finishing)
        {
            task?.Wait();
        }

        return new Trace(Label(rows, seed), timestamps, request, response, isSynthetic: true);
    }

    /// <summary>The trace's <see cref="Trace.Source"/> label.</summary>
    internal static string Label(int rows, int seed) => $"synthetic-burstgpt(rows={rows}, seed={seed})";

    /// <summary>
    /// The first <paramref name="rows"/> rows of the synthetic trace for <paramref name="seed"/>, a chunk at a time in
    /// bounded memory: the same rows, bit for bit, as <see cref="Generate"/> (one core; the same two stages per chunk).
    /// </summary>
    public static ITraceRowSource Rows(int rows = DefaultRows, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        return new RowSource(rows, seed);
    }

    /// <summary>The synthetic trace as an <see cref="ITraceRowSource"/>.</summary>
    private sealed class RowSource(int rows, int seed) : ITraceRowSource
    {
        private readonly ArrivalStream _stream = new(new NumpyLegacyRandom(unchecked((uint)seed)));
        private readonly Chunk _chunk = new();
        private int _next;

        public string Source { get; } = Label(rows, seed);

        public bool IsSynthetic => true;

        public int Read(double[] timestamps, int[] request, int[] response)
        {
            int count = Math.Min(Math.Min(ChunkRows, timestamps.Length), rows - _next);
            if (count <= 0)
            {
                return 0;
            }

            _stream.Draw(_chunk, _next, _next + count, timestamps, 0);
            _chunk.Finish(QuantileTables.Value, request, response, 0);
            _next += count;
            return count;
        }
    }

    /// <summary>
    /// The sequential stage: the arrival process and the place of every row's numbers in the generator's stream. A
    /// normal is a ticket for a polar pair (its first value f x2, or the cached second f x1), as
    /// <see cref="NumpyLegacyRandom.NextGaussian"/> would return it; the burst process's normals, which the arrivals
    /// need at once, are evaluated on the spot from the same pair.
    /// </summary>
    private sealed class ArrivalStream(NumpyLegacyRandom rng)
    {
        private readonly double _innovation = BurstSigma * Math.Sqrt(1 - BurstPersistence * BurstPersistence);
        private long _block;
        private double _logBurst = double.NaN;
        private double _blockRate;
        private double _t;
        private bool _hasSpare;
        private double _spareX1,
            _spareX2; // the pair whose second value is cached

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call per chunk: optimized code from the first row on
        public void Draw(Chunk chunk, int from, int to, double[] timestamps, int destination)
        {
            chunk.Begin(from, to);
            if (_hasSpare)
            {
                chunk.AddPair(_spareX1, _spareX2); // pair 0 of this chunk: its cached value is still to be used
            }

            if (double.IsNaN(_logBurst))
            {
                _logBurst = BurstSigma * chunk.Normal(NextNormal(chunk));
                _blockRate = BlockRate(_block, _logBurst);
            }

            // The hot loop keeps the process's state in locals (written back below).
            double t = _t,
                blockRate = _blockRate;
            double blockEnd = (_block + 1) * BlockSeconds;
            var uniform = chunk.Uniform;
            var first = chunk.First;
            var second = chunk.Second;
            for (int i = from; i < to; i++)
            {
                // Next arrival of a Poisson process with a rate that is constant within a block: memorylessness lets us
                // restart the exponential clock at each block boundary the draw would cross.
                while (true)
                {
                    double candidate = t + rng.NextExponential(1.0 / blockRate);
                    if (candidate < blockEnd)
                    {
                        t = candidate;
                        break;
                    }

                    t = blockEnd;
                    _block++;
                    blockEnd = (_block + 1) * BlockSeconds;
                    _logBurst = BurstPersistence * _logBurst + _innovation * chunk.Normal(NextNormal(chunk));
                    blockRate = BlockRate(_block, _logBurst);
                }

                int row = i - from;
                timestamps[destination + row] = Math.Floor(t);
                uniform[row] = rng.NextDouble();
                first[row] = NextNormal(chunk);
                second[row] = NextNormal(chunk);
            }

            (_t, _blockRate) = (t, blockRate);
        }

        /// <summary>A ticket for the next normal: 2 x pair for the pair's first value, 2 x pair + 1 for its cached one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int NextNormal(Chunk chunk)
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return (2 * (chunk.Pairs - 1)) + 1;
            }

            rng.NextPolarPair(out double x1, out double x2);
            _spareX1 = x1;
            _spareX2 = x2;
            _hasSpare = true;
            return 2 * chunk.AddPair(x1, x2);
        }
    }

    /// <summary>One chunk's numbers between the two stages, and the second stage itself.</summary>
    private sealed class Chunk
    {
        private double[] _x1 = new double[ChunkRows + 64];
        private double[] _x2 = new double[ChunkRows + 64];
        private int _from,
            _to;

        public double[] Uniform { get; } = new double[ChunkRows];

        public int[] First { get; } = new int[ChunkRows];

        public int[] Second { get; } = new int[ChunkRows];

        public int Pairs { get; private set; }

        public void Begin(int from, int to) => (_from, _to, Pairs) = (from, to, 0);

        /// <summary>Keeps a pair; returns its index.</summary>
        public int AddPair(double x1, double x2)
        {
            int pair = Pairs;
            if (pair == _x1.Length)
            {
                Array.Resize(ref _x1, _x1.Length * 2);
                Array.Resize(ref _x2, _x2.Length * 2);
            }

            _x1[pair] = x1;
            _x2[pair] = x2;
            Pairs = pair + 1;
            return pair;
        }

        /// <summary>The normal a ticket stands for: exactly <see cref="NumpyLegacyRandom.NextGaussian"/>'s arithmetic.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Normal(int ticket)
        {
            int pair = ticket >> 1;
            double x1 = _x1[pair],
                x2 = _x2[pair];
            double f = NumpyLegacyRandom.PolarFactor(x1, x2);
            return (ticket & 1) == 0 ? f * x2 : f * x1;
        }

        /// <summary>
        /// Writes rows from .. to - 1 to <paramref name="request"/> and <paramref name="response"/> from index <paramref name="destination"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Finish((double[] Request, double[] Response) tables, int[] request, int[] response, int destination)
        {
            double rho = LengthCorrelation,
                rhoComplement = Math.Sqrt(1 - rho * rho);
            for (int i = _from; i < _to; i++)
            {
                int row = i - _from,
                    d = destination + row;
                double u = Uniform[row];
                if (u < EmptyFailureShare)
                {
                    (request[d], response[d]) = (0, 0); // like most failed BurstGPT rows (destinations may be reused buffers)
                    continue;
                }

                double z1 = Normal(First[row]);
                double z2 = rho * z1 + rhoComplement * Normal(Second[row]);
                request[d] = Lookup(tables.Request, z1);
                response[d] = u < EmptyFailureShare + ResponseFailureShare ? 0 : Lookup(tables.Response, z2);
            }
        }
    }

    internal static double BlockRate(long block, double logBurst)
    {
        int hour = (int)(block * BlockSeconds / 3600.0 % 24);
        // exp(x - sigma^2/2) has mean 1 for x ~ Normal(0, sigma^2), so the long-run mean rate stays MeanRatePerSecond.
        return MeanRatePerSecond * HourOfDayProfile[hour] * Math.Exp(logBurst - BurstSigma * BurstSigma / 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Lookup(double[] table, double z)
    {
        double position = (Math.Clamp(z, GridMin, GridMax) - GridMin) / GridStep;
        int index = Math.Min((int)position, table.Length - 2);
        double fraction = position - index;
        return (int)Math.Round(table[index] + fraction * (table[index + 1] - table[index]));
    }

    private static (double[], double[]) BuildTables()
    {
        int points = (int)Math.Round((GridMax - GridMin) / GridStep) + 1;
        var requestTable = new double[points];
        var responseTable = new double[points];
        for (int j = 0; j < points; j++)
        {
            double p = Normal.CDF(0, 1, GridMin + j * GridStep);
            requestTable[j] = InverseCdf(RequestKnots, p);
            responseTable[j] = InverseCdf(ResponseKnots, p);
        }

        return (requestTable, responseTable);
    }

    private static double InverseCdf(double[] knots, double p)
    {
        int k = Array.BinarySearch(Probabilities, p);
        if (k >= 0)
        {
            return knots[k];
        }

        int upper = ~k;
        if (upper <= 0)
        {
            return knots[0];
        }

        if (upper >= Probabilities.Length)
        {
            return knots[^1];
        }

        double p0 = Probabilities[upper - 1],
            p1 = Probabilities[upper];
        return knots[upper - 1] + (p - p0) / (p1 - p0) * (knots[upper] - knots[upper - 1]);
    }

    private static double[] NormalizeToMeanOne(double[] values)
    {
        double mean = values.Average();
        return values.Select(v => v / mean).ToArray();
    }
}
