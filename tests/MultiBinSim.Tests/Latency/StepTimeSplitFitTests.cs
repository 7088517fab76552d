using System.Globalization;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Tests.Latency;

/// <summary>The split <c>fit:CSV</c> (decode and prefill iterations fitted separately) and the model terms it adds.</summary>
public class StepTimeSplitFitTests
{
    // Decode terms, and the prefill terms charged on top of them to iterations with prompt tokens.
    private const double B = 0.012,
        S = 0.0003,
        K = 2e-7;
    private const double PB = 0.002,
        P = 0.00005,
        Q = 1e-9;

    private const string Header = "sequences,prefill_tokens,decode_context_tokens,seconds";
    private const string SplitHeader = "prefill_tokens_squared,sequences,prefill_tokens,decode_context_tokens,seconds";

    /// <summary>Decode iterations: 8 batch sizes x 3 context lengths.</summary>
    private static List<StepTimeSample> DecodeRows(Func<long, long, double> seconds)
    {
        var rows = new List<StepTimeSample>();
        foreach (long sequences in new long[] { 1, 2, 4, 8, 16, 32, 64, 128 })
        {
            foreach (long perSequence in new long[] { 50, 300, 1200 })
            {
                long context = sequences * perSequence;
                rows.Add(new StepTimeSample(sequences, 0, context, seconds(sequences, context)));
            }
        }

        return rows;
    }

    /// <summary>
    /// Prefill and mixed iterations: chunk lists of varied lengths (one to four chunks), 0 to 32 decode sequences beside
    /// them; the row carries the chunk count plus decoders as sequences, the chunks' sum and sum of squares.
    /// </summary>
    private static List<StepTimeSample> PrefillRows(Func<long, long, long, long, double> seconds)
    {
        long[][] chunkSets =
        [
            [64],
            [512],
            [2048],
            [100, 28],
            [1024, 1024],
            [300, 200, 12],
            [16, 16, 16, 16],
            [4096],
            [700, 1],
        ];
        var rows = new List<StepTimeSample>();
        int i = 0;
        foreach (long[] chunks in chunkSets)
        {
            foreach (long decoders in new long[] { 0, 3, 32 })
            {
                long sequences = chunks.Length + decoders;
                long tokens = chunks.Sum();
                long squared = chunks.Sum(c => c * c);
                long context = decoders * (150 + 37 * (i++ % 5));
                rows.Add(new StepTimeSample(sequences, tokens, context, seconds(sequences, tokens, squared, context)) { PrefillTokensSquared = squared });
            }
        }

        return rows;
    }

    private static double Exact(long s, long p, long q, long k) => B + S * s + K * k + PB + P * p + Q * q;

    /// <summary>Both kinds interleaved, so nothing relies on the file's order.</summary>
    private static List<StepTimeSample> SplitGrid()
    {
        var decode = DecodeRows((s, k) => B + S * s + K * k);
        var prefill = PrefillRows(Exact);
        var rows = new List<StepTimeSample>();
        for (int i = 0; i < Math.Max(decode.Count, prefill.Count); i++)
        {
            if (i < decode.Count)
            {
                rows.Add(decode[i]);
            }

            if (i < prefill.Count)
            {
                rows.Add(prefill[i]);
            }
        }

        return rows;
    }

    private static string Csv(IEnumerable<StepTimeSample> rows, bool squared)
    {
        var text = new StringBuilder((squared ? SplitHeader : Header) + "\n");
        foreach (var r in rows)
        {
            if (squared)
            {
                text.Append(CultureInfo.InvariantCulture, $"{r.PrefillTokensSquared},");
            }

            text.Append(CultureInfo.InvariantCulture, $"{r.Sequences},{r.PrefillTokens},{r.DecodeContextTokens},{r.Seconds:R}\n");
        }

        return text.ToString();
    }

    private static void Relative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual / expected - 1) <= tolerance, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Noiseless_split_rows_give_back_both_fits_and_r_squared_one()
    {
        using var files = new TempFiles();
        var rows = SplitGrid();
        files.Write("steps.csv", Csv(rows, squared: true));
        var spec = StepTimeModels.Parse("fit:steps.csv", files.Folder);
        var fit = spec.Fit!;
        var m = spec.Model;

        Relative(B, m.Base, 1e-9);
        Relative(S, m.PerSequence, 1e-9);
        Relative(K, m.PerKvToken, 1e-9);
        Relative(PB, m.PrefillBase, 1e-9);
        Relative(P, m.PerPrefillToken, 1e-9);
        Relative(Q, m.PerPrefillTokenSquared, 1e-9);
        Assert.Equal(24, fit.Decode!.Rows);
        Assert.Equal(27, fit.Prefill!.Rows);
        Assert.Equal(51, fit.Rows);
        Assert.True(Math.Abs(fit.Decode.RSquared - 1) < 1e-12, $"decode R^2 {fit.Decode.RSquared:R}");
        Assert.True(Math.Abs(fit.Prefill.RSquared - 1) < 1e-12, $"prefill R^2 {fit.Prefill.RSquared:R}");
        Assert.True(Math.Abs(fit.RSquared - 1) < 1e-12, $"R^2 {fit.RSquared:R}");
        Assert.Empty(fit.ZeroedTerms);
        Assert.Equal(fit.Summary, spec.Summary);
        Assert.Equal(
            "fit:steps.csv: split fit; decode: base 12 ms, per sequence 0.3 ms, per KV token 0.0002 ms, R^2 = 1 over 24 iterations; "
                + "prefill (on top of the decode terms): prefill base 2 ms, per prefill token 0.05 ms, per squared prefill token 0.000001 ms, "
                + "R^2 = 1 over 27 iterations; R^2 = 1 over all 51",
            fit.Summary
        );

        // The combined model reproduces every row: a decode row from the decode terms alone (the three-argument time,
        // bit for bit), a prefill or mixed row from the decode terms plus the prefill terms.
        foreach (var r in rows)
        {
            double t = m.IterationTime((int)r.Sequences, r.PrefillTokens, r.PrefillTokensSquared, r.DecodeContextTokens);
            Relative(r.Seconds, t, 1e-9);
            if (r.PrefillTokens == 0)
            {
                Assert.Equal(m.Base + m.PerSequence * r.Sequences + m.PerKvToken * r.DecodeContextTokens, t);
                Assert.Equal(m.IterationTime((int)r.Sequences, 0, r.DecodeContextTokens), t);
            }
        }
    }

    [Fact]
    public void Each_half_is_the_least_squares_fit_of_its_rows()
    {
        // Deterministic noise: the decode half equals an independent least-squares solve over the decode rows, and the
        // prefill half a solve of what the decode terms leave of the prefill rows' times.
        var noise = new Random(20251205);
        var decode = DecodeRows((s, k) => B + S * s + K * k + 2e-4 * (noise.NextDouble() - 0.5));
        var prefill = PrefillRows((s, p, q, k) => Exact(s, p, q, k) + 2e-4 * (noise.NextDouble() - 0.5));
        var fit = StepTimeFit.FitSplit([.. prefill, .. decode], "noisy.csv", "fit:noisy.csv");
        var m = fit.Model;
        Assert.Empty(fit.ZeroedTerms);

        var xd = Matrix<double>.Build.Dense(decode.Count, 3, (i, j) => j switch
            {
                0 => 1.0,
                1 => decode[i].Sequences,
                _ => decode[i].DecodeContextTokens,
            });
        var cd = xd.Solve(Vector<double>.Build.Dense(decode.Count, i => decode[i].Seconds));
        Relative(cd[0], m.Base, 1e-8);
        Relative(cd[1], m.PerSequence, 1e-8);
        Relative(cd[2], m.PerKvToken, 1e-8);

        var xp = Matrix<double>.Build.Dense(prefill.Count, 3, (i, j) => j switch
            {
                0 => 1.0,
                1 => prefill[i].PrefillTokens,
                _ => prefill[i].PrefillTokensSquared,
            });
        var yp = Vector<double>.Build.Dense(prefill.Count, i =>
            prefill[i].Seconds - (cd[0] + cd[1] * prefill[i].Sequences + cd[2] * prefill[i].DecodeContextTokens)
        );
        var cp = xp.Solve(yp);
        Relative(cp[0], m.PrefillBase, 1e-6);
        Relative(cp[1], m.PerPrefillToken, 1e-8);
        Relative(cp[2], m.PerPrefillTokenSquared, 1e-6);

        // Each R^2 is 1 - SSE / SST of the combined model on that half's measured times.
        static double RSquared(IReadOnlyList<StepTimeSample> rows, StepTimeModel model)
        {
            double mean = rows.Average(r => r.Seconds);
            double sse = rows.Sum(r =>
                Math.Pow(r.Seconds - model.IterationTime((int)r.Sequences, r.PrefillTokens, r.PrefillTokensSquared, r.DecodeContextTokens), 2)
            );
            double sst = rows.Sum(r => Math.Pow(r.Seconds - mean, 2));
            return 1 - sse / sst;
        }

        Assert.Equal(RSquared(decode, m), fit.Decode!.RSquared, 1e-12);
        Assert.Equal(RSquared(prefill, m), fit.Prefill!.RSquared, 1e-12);
        Assert.Equal(RSquared([.. prefill, .. decode], m), fit.RSquared, 1e-12);
        Assert.InRange(fit.Decode.RSquared, 0.9, 1 - 1e-9);
        Assert.InRange(fit.Prefill.RSquared, 0.9, 1 - 1e-9);
    }

    [Fact]
    public void A_negative_prefill_base_is_fixed_at_zero()
    {
        // Prefill iterations 1 ms cheaper than the decode terms predict (plus a wobble): the prefill base is fixed at 0
        // and the two token terms are the least-squares fit without an intercept.
        var decode = DecodeRows((s, k) => B + S * s + K * k);
        var prefill = PrefillRows((s, p, q, k) => B + S * s + K * k - 0.001 + P * p + Q * q + 1e-5 * ((p + k) % 3));
        var fit = StepTimeFit.FitSplit([.. decode, .. prefill], "neg.csv", "fit:neg.csv");

        Assert.Equal(0.0, fit.Model.PrefillBase);
        Assert.Equal(["prefill_base"], fit.ZeroedTerms);
        Assert.Equal(["prefill_base"], fit.Prefill!.ZeroedTerms);
        Assert.Empty(fit.Decode!.ZeroedTerms);
        Assert.EndsWith("(prefill_base fixed at 0: the unconstrained fit was negative)", fit.Summary);

        var x = Matrix<double>.Build.Dense(prefill.Count, 2, (i, j) => j == 0 ? prefill[i].PrefillTokens : prefill[i].PrefillTokensSquared);
        var m = fit.Model;
        var y = Vector<double>.Build.Dense(prefill.Count, i =>
            prefill[i].Seconds - m.IterationTime((int)prefill[i].Sequences, 0, prefill[i].DecodeContextTokens)
        );
        var c = x.Solve(y);
        Relative(c[0], m.PerPrefillToken, 1e-8);
        Relative(c[1], m.PerPrefillTokenSquared, 1e-8);

        // KKT: raising the prefill base from 0 would not lower the squared error.
        double gradient = prefill.Sum(r => r.Seconds - m.IterationTime((int)r.Sequences, r.PrefillTokens, r.PrefillTokensSquared, r.DecodeContextTokens));
        Assert.True(gradient <= 0, $"d SSE / d PrefillBase = {-2 * gradient:R} must be >= 0");
    }

    [Fact]
    public void Old_columns_give_the_four_term_fit_unchanged()
    {
        // The same iterations without the squared column: the single four-term fit over all rows, no extra terms.
        using var files = new TempFiles();
        var rows = SplitGrid().Select(r => r with { PrefillTokensSquared = 0 }).ToList();
        string path = files.Write("old.csv", Csv(rows, squared: false));
        var read = StepTimeCsv.LoadMeasurements(path);
        Assert.False(read.HasPrefillTokensSquared);
        Assert.Equal(rows, read.Rows);

        var spec = StepTimeModels.Parse($"fit:{path}");
        var single = StepTimeFit.Fit(rows, path, $"fit:{path}");
        Assert.Equal(single.Model, spec.Model);
        Assert.Equal(single.RSquared, spec.Fit!.RSquared);
        Assert.Null(spec.Fit.Decode);
        Assert.Null(spec.Fit.Prefill);
        Assert.Equal(0.0, spec.Model.PrefillBase);
        Assert.Equal(0.0, spec.Model.PerPrefillTokenSquared);
        Assert.StartsWith($"fit:{path}: base ", spec.Summary);
    }

    [Fact]
    public void Only_decode_rows_with_the_new_column_behave_as_without_it()
    {
        // No prefill rows: no split; the four-term fit runs and, as before, cannot fit a prefill term that is always 0.
        using var files = new TempFiles();
        var rows = DecodeRows((s, k) => B + S * s + K * k);
        string withColumn = files.Write("new.csv", Csv(rows, squared: true));
        string without = files.Write("old.csv", Csv(rows, squared: false));
        var a = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{withColumn}"));
        var b = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{without}"));
        Assert.Equal("prefill_tokens", a.Column);
        Assert.Equal(b.Column, a.Column);
        Assert.Equal(b.Problem, a.Problem);
    }

    [Fact]
    public void Only_prefill_rows_with_squared_values_are_an_error_naming_the_column()
    {
        using var files = new TempFiles();
        string path = files.Write("prefill.csv", Csv(PrefillRows(Exact), squared: true));
        var e = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{path}"));
        Assert.Equal("prefill_tokens_squared", e.Column);
        Assert.Null(e.Line);
        Assert.Contains("needs decode iterations", e.Problem);
    }

    [Theory]
    [InlineData(2, 27, "too few decode iterations (prefill_tokens 0) for the split fit: fitting 3 terms needs at least 3 (found 2).")]
    [InlineData(24, 2, "too few prefill iterations (prefill_tokens > 0) for the split fit: fitting 3 terms needs at least 3 (found 2).")]
    public void Each_half_needs_three_rows(int decodeRows, int prefillRows, string problem)
    {
        var rows = DecodeRows((s, k) => B + S * s + K * k).Take(decodeRows).Concat(PrefillRows(Exact).Take(prefillRows)).ToList();
        var e = Assert.Throws<InputFileException>(() => StepTimeFit.FitSplit(rows, "few.csv", "fit:few.csv"));
        Assert.Equal(problem, e.Problem);
        Assert.Null(e.Column);
    }

    [Fact]
    public void A_singular_prefill_design_names_the_column_and_the_half()
    {
        // Single chunks of only two lengths: the squared sum is P^2, a linear combination of 1 and P on two points.
        var decode = DecodeRows((s, k) => B + S * s + K * k);
        var prefill = new List<StepTimeSample>();
        foreach (long p in new long[] { 100, 400, 100, 400 })
        {
            prefill.Add(new StepTimeSample(1, p, 0, Exact(1, p, p * p, 0)) { PrefillTokensSquared = p * p });
        }

        var e = Assert.Throws<InputFileException>(() => StepTimeFit.FitSplit([.. decode, .. prefill], "sing.csv", "fit:sing.csv"));
        Assert.Equal("prefill_tokens_squared", e.Column);
        Assert.Contains("linear combination of the columns before it across all prefill rows", e.Problem);

        var constant = prefill.Select(r => r with { PrefillTokens = 256, PrefillTokensSquared = 65536 }).ToList();
        e = Assert.Throws<InputFileException>(() => StepTimeFit.FitSplit([.. decode, .. constant], "sing.csv", "fit:sing.csv"));
        Assert.Equal("prefill_tokens", e.Column);
        Assert.Contains("is the same in every prefill row, so its term cannot be separated from the prefill base", e.Problem);
    }

    [Theory]
    [InlineData("4,512,0,0.1,abc", "'abc' is not a number.")]
    [InlineData("4,512,0,0.1,", "empty value (expected a whole number).")]
    [InlineData("4,512,0,0.1,-1", "'-1' is negative.")]
    [InlineData("4,512,0,0.1,1000.5", "'1000.5' is not a whole number.")]
    [InlineData("4,512,0,0.1,NaN", "'NaN' is not a finite number.")]
    [InlineData("4,0,100,0.1,9", "'9' must be 0 when prefill_tokens is 0 (a decode iteration has no prefill chunks).")]
    [InlineData("4,512,0,0.1,262145", "'262145' is more than prefill_tokens^2 = 262144 (the most 512 prompt tokens can give, as one chunk).")]
    [InlineData("4,512,0,0.1,65535", "'65535' is below 65536, the least a sum of squared chunk lengths can be for 512 prompt tokens in at most 4 sequences.")]
    [InlineData("4,3,0,0.1,2", "'2' is below 3, the least a sum of squared chunk lengths can be for 3 prompt tokens in at most 4 sequences.")]
    public void A_malformed_squared_value_names_file_line_and_column(string row, string problem)
    {
        using var files = new TempFiles();
        string path = files.Write("steps.csv", "sequences,prefill_tokens,decode_context_tokens,seconds,prefill_tokens_squared\n4,0,100,0.05,0\n" + row + "\n");
        var e = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{path}"));
        Assert.Equal($"{path}:3: column 'prefill_tokens_squared': {problem}", e.Message);
    }

    [Fact]
    public void The_squared_bounds_are_inclusive()
    {
        // 512 tokens in 4 sequences: four chunks of 128 (4 * 128^2 = 65536) up to one chunk (512^2); 3 tokens in 4
        // sequences: three chunks of 1.
        var read = StepTimeCsv.ReadMeasurements(
            new StringReader(
                "sequences,prefill_tokens,decode_context_tokens,seconds,Prefill_Tokens_Squared\n"
                    + "4,512,0,0.1,65536\n4,512,0,0.1,262144\n4,3,0,0.1,3\n4,0,100,0.1,0\n"
            ),
            "ok.csv"
        );
        Assert.True(read.HasPrefillTokensSquared);
        Assert.Equal([65536L, 262144L, 3L, 0L], read.Rows.Select(r => r.PrefillTokensSquared));
    }

    [Theory]
    [InlineData(
        "sequences,prefill_tokens,decode_context_tokens,seconds,prefill_tokens_squared,PREFILL_TOKENS_SQUARED\n",
        "prefill_tokens_squared",
        "duplicate column"
    )]
    [InlineData(
        "sequences,prefill_tokens,decode_context_tokens,seconds,prefill_tokens_sq\n",
        "prefill_tokens_sq",
        "unknown column (expected exactly: sequences,prefill_tokens,decode_context_tokens,seconds; optionally prefill_tokens_squared)."
    )]
    public void Header_problems_with_the_optional_column(string header, string column, string problem)
    {
        using var files = new TempFiles();
        string path = files.Write("steps.csv", header);
        var e = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{path}"));
        Assert.Equal(1, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void A_row_must_have_the_header_field_count()
    {
        using var files = new TempFiles();
        string path = files.Write("steps.csv", SplitHeader + "\n0,4,0,100,0.05\n4,0,100,0.05\n");
        var e = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{path}"));
        Assert.Equal(3, e.Line);
        Assert.Equal("4 fields, but the header has 5.", e.Problem);
    }

    [Fact]
    public void The_four_argument_time_adds_the_prefill_terms_only_to_iterations_with_prompt_tokens()
    {
        var m = new StepTimeModel(B, S, P, K, "t") { PrefillBase = PB, PerPrefillTokenSquared = Q };
        foreach (int s in new[] { 1, 7, 256 })
        {
            foreach (long k in new long[] { 0, 999, 1_000_000 })
            {
                Assert.Equal(m.IterationTime(s, 0, k), m.IterationTime(s, 0, 0, k));
                foreach (long p in new long[] { 1, 300, 8192 })
                {
                    long q = p * p / 2;
                    Assert.Equal(m.IterationTime(s, p, k) + PB + Q * q, m.IterationTime(s, p, q, k));
                }
            }
        }
    }

    [Fact]
    public void Models_without_the_new_terms_time_bit_identically_and_serialize_as_before()
    {
        string[] keys = ["base", "per_sequence", "per_prefill_token", "per_kv_token", "label"];
        foreach (
            var model in new[]
            {
                PangStepTime.Model,
                SeedStepTime.Spec.Model,
                StepTimeModels.Parse("roofline:Llama-2-70B@A100-80GB").Model,
                new StepTimeModel(B, S, P, K, "x"),
            }
        )
        {
            for (int s = 1; s <= 300; s += 37)
            {
                foreach (long p in new long[] { 0, 1, 511, 8192 })
                {
                    foreach (long k in new long[] { 0, 12_345, 987_654_321 })
                    {
                        double three = model.IterationTime(s, p, k);
                        Assert.Equal(BitConverter.DoubleToInt64Bits(three), BitConverter.DoubleToInt64Bits(model.IterationTime(s, p, p * p, k)));
                    }
                }
            }

            // The extra terms are omitted from the canonical JSON at 0, so result fingerprints stay what they were ...
            using var json = JsonDocument.Parse(CanonicalConfiguration.Serialize(model));
            Assert.Equal(keys, json.RootElement.EnumerateObject().Select(p => p.Name));
        }

        // ... and take part once set.
        using var split = JsonDocument.Parse(
            CanonicalConfiguration.Serialize(new StepTimeModel(B, S, P, K, "x") { PrefillBase = PB, PerPrefillTokenSquared = Q })
        );
        Assert.Equal(PB, split.RootElement.GetProperty("prefill_base").GetDouble());
        Assert.Equal(Q, split.RootElement.GetProperty("per_prefill_token_squared").GetDouble());
    }

    [Theory]
    [InlineData(double.NaN, 0.0, "per-squared-prefill-token time must be finite and >= 0 (got NaN)")]
    [InlineData(-1e-9, 0.0, "per-squared-prefill-token time must be finite and >= 0 (got -1E-09)")]
    [InlineData(0.0, double.PositiveInfinity, "prefill base time must be finite and >= 0 (got Infinity)")]
    [InlineData(0.0, -0.5, "prefill base time must be finite and >= 0 (got -0.5)")]
    public void Validate_reports_each_bad_new_term_in_one_line(double squared, double prefillBase, string message)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var model = PangStepTime.Model with { PerPrefillTokenSquared = squared, PrefillBase = prefillBase };
            var error = Assert.Single(model.Validate("StepModel"));
            Assert.Equal(new ConfigurationError("StepModel", message), error);
            Assert.Empty(PangStepTime.Model.Validate("StepModel"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Validate_gives_the_linear_terms_the_messages_continuous_options_gives()
    {
        // So ContinuousOptions.Validate can call it in place of its own four checks without changing a message.
        var bad = new StepTimeModel(0, -1, double.NaN, double.NegativeInfinity, "bad");
        var errors = new ValidationErrors();
        new ContinuousOptions { StepModel = bad, KvBlocks = 100 }.Validate(errors, new SchedulerOptions().Memory);
        var fromOptions = errors.Errors.Where(e => e.Property == "StepModel").ToArray();
        Assert.Equal(4, fromOptions.Length);
        Assert.Equal(fromOptions, bad.Validate("StepModel"));
    }
}
