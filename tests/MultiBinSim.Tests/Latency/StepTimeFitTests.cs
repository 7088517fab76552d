using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Tests.Latency;

public class StepTimeFitTests
{
    private const double B = 0.012,
        S = 0.0003,
        P = 0.00005,
        K = 2e-7;

    /// <summary>A varied, full-rank grid of iterations: decode-only, prefill-only and mixed.</summary>
    private static List<StepTimeSample> Grid(Func<long, long, long, double> seconds)
    {
        var rows = new List<StepTimeSample>();
        foreach (long sequences in new long[] { 1, 2, 4, 8, 16, 32, 64, 128 })
        {
            foreach (long prefill in new long[] { 0, 128, 512, 2048 })
            {
                foreach (long perSequenceContext in new long[] { 50, 300, 1200 })
                {
                    long context = sequences * perSequenceContext + prefill / 4;
                    rows.Add(new StepTimeSample(sequences, prefill, context, seconds(sequences, prefill, context)));
                }
            }
        }

        return rows;
    }

    private static string Csv(IEnumerable<StepTimeSample> rows)
    {
        var text = new StringBuilder("sequences,prefill_tokens,decode_context_tokens,seconds\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Sequences},{r.PrefillTokens},{r.DecodeContextTokens},{r.Seconds:R}\n");
        }

        return text.ToString();
    }

    private static void Relative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual / expected - 1) <= tolerance, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Noiseless_rows_give_back_the_coefficients_and_r_squared_one()
    {
        using var files = new TempFiles();
        files.Write("steps.csv", Csv(Grid((s, p, k) => B + S * s + P * p + K * k)));
        var spec = StepTimeModels.Parse("fit:steps.csv", files.Folder);

        var fit = spec.Fit!;
        Relative(B, spec.Model.Base, 1e-9);
        Relative(S, spec.Model.PerSequence, 1e-9);
        Relative(P, spec.Model.PerPrefillToken, 1e-9);
        Relative(K, spec.Model.PerKvToken, 1e-9);
        Assert.True(Math.Abs(fit.RSquared - 1) < 1e-12, $"R^2 {fit.RSquared:R}");
        Assert.Equal(96, fit.Rows);
        Assert.Empty(fit.ZeroedTerms);
        Assert.Equal("fit:steps.csv", spec.Model.Label);
        Assert.Equal(fit.Summary, spec.Summary);
        Assert.StartsWith(
            "fit:steps.csv: base 12 ms, per sequence 0.3 ms, per prefill token 0.05 ms, per KV token 0.0002 ms; R^2 = 1 over 96 iterations",
            fit.Summary
        );
        Assert.Null(spec.Memory);
    }

    [Fact]
    public void Noisy_rows_recover_the_coefficients_within_their_standard_errors()
    {
        // Seeded Gaussian noise of 0.5 ms; each term must lie within 5 standard errors, sigma^2 (X'X)^-1.
        const double sigma = 0.0005;
        var noise = new Normal(0, sigma, new Random(20250307));
        var rows = new List<StepTimeSample>();
        for (int repeat = 0; repeat < 10; repeat++)
        {
            rows.AddRange(Grid((s, p, k) => B + S * s + P * p + K * k + noise.Sample()));
        }

        var fit = StepTimeFit.Fit(rows, "noisy.csv", "fit:noisy.csv");
        var x = Matrix<double>.Build.Dense(rows.Count, 4, (i, j) => j switch
            {
                0 => 1.0,
                1 => rows[i].Sequences,
                2 => rows[i].PrefillTokens,
                _ => rows[i].DecodeContextTokens,
            });
        var covariance = (x.TransposeThisAndMultiply(x)).Inverse() * (sigma * sigma);
        double[] truth = [B, S, P, K];
        double[] fitted = [fit.Model.Base, fit.Model.PerSequence, fit.Model.PerPrefillToken, fit.Model.PerKvToken];
        for (int j = 0; j < 4; j++)
        {
            double standardError = Math.Sqrt(covariance[j, j]);
            Assert.True(
                Math.Abs(fitted[j] - truth[j]) < 5 * standardError,
                $"term {j}: fitted {fitted[j]:R}, true {truth[j]:R}, standard error {standardError:R}"
            );
        }

        Assert.InRange(fit.RSquared, 0.99, 1.0 - 1e-9);
        Assert.Empty(fit.ZeroedTerms);
    }

    [Fact]
    public void A_negative_term_is_fixed_at_zero_by_non_negative_least_squares()
    {
        // Data that want a negative KV term: the unconstrained fit would give the engine negative slopes.
        var rows = Grid((s, p, k) => 0.02 + 0.0002 * s + 0.0001 * p - 1e-7 * k + 0.00001 * ((s * 7 + p) % 5));
        var fit = StepTimeFit.Fit(rows, "neg.csv", "fit:neg.csv");

        Assert.Equal(0.0, fit.Model.PerKvToken);
        Assert.Equal(["decode_context_tokens"], fit.ZeroedTerms);
        Assert.Contains("decode_context_tokens fixed at 0", fit.Summary);
        Assert.True(fit.Model.Base >= 0 && fit.Model.PerSequence >= 0 && fit.Model.PerPrefillToken >= 0);

        // The other three terms are the least-squares fit without that column (an independent solve) ...
        var x3 = Matrix<double>.Build.Dense(rows.Count, 3, (i, j) => j switch
            {
                0 => 1.0,
                1 => rows[i].Sequences,
                _ => rows[i].PrefillTokens,
            });
        var y = Vector<double>.Build.Dense(rows.Count, i => rows[i].Seconds);
        var c3 = x3.Solve(y);
        Relative(c3[0], fit.Model.Base, 1e-8);
        Relative(c3[1], fit.Model.PerSequence, 1e-8);
        Relative(c3[2], fit.Model.PerPrefillToken, 1e-8);

        // ... and the KKT condition holds: raising the zeroed term from 0 would not lower the squared error.
        double gradient = 0;
        foreach (var r in rows)
        {
            double residual = r.Seconds - fit.Model.IterationTime((int)r.Sequences, r.PrefillTokens, r.DecodeContextTokens);
            gradient += r.DecodeContextTokens * residual;
        }

        Assert.True(gradient <= 0, $"d SSE / d PerKvToken = {-2 * gradient:R} must be >= 0 at the constrained optimum");
    }

    [Fact]
    public void Several_negative_terms_pick_the_best_non_negative_subset()
    {
        // Iteration time falling with every column: the best non-negative model is the mean, R^2 = 0.
        var rows = Grid((s, p, k) => 1.0 - 0.001 * s - 0.0001 * p - 1e-6 * k);
        var fit = StepTimeFit.Fit(rows, "falling.csv", "fit:falling.csv");
        double mean = rows.Average(r => r.Seconds);
        Relative(mean, fit.Model.Base, 1e-12);
        Assert.Equal(0.0, fit.Model.PerSequence);
        Assert.Equal(0.0, fit.Model.PerPrefillToken);
        Assert.Equal(0.0, fit.Model.PerKvToken);
        Assert.Equal(["sequences", "prefill_tokens", "decode_context_tokens"], fit.ZeroedTerms);
        Assert.True(Math.Abs(fit.RSquared) < 1e-12);
    }

    [Theory]
    [InlineData("constant prefill", "prefill_tokens", "same in every row")]
    [InlineData("no decode context", "decode_context_tokens", "0 in every row")]
    [InlineData("context proportional to sequences", "decode_context_tokens", "linear combination")]
    [InlineData("constant sequences", "sequences", "same in every row")]
    public void A_singular_design_names_the_column(string layout, string column, string problem)
    {
        var rows = new List<StepTimeSample>();
        for (int i = 1; i <= 12; i++)
        {
            long s = layout == "constant sequences" ? 8 : i;
            long p = layout == "constant prefill" ? 100 : (i * 37) % 11 * 64;
            long k = layout switch
            {
                "no decode context" => 0,
                "context proportional to sequences" => 50 * s,
                _ => (i * 13) % 7 * 300 + i,
            };
            rows.Add(new StepTimeSample(s, p, k, 0.01 + 0.001 * i));
        }

        using var files = new TempFiles();
        string path = files.Write("singular.csv", Csv(rows));
        var e = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{path}"));
        Assert.Equal(path, e.Path);
        Assert.Equal(column, e.Column);
        Assert.Null(e.Line);
        Assert.Contains(problem, e.Problem);
    }
}
