using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MultiBinSim.Errors;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// A least-squares fit of the linear step-time form to measured iterations (<c>fit:CSV</c>):
/// <c>seconds ~ Base + PerSequence * sequences + PerPrefillToken * prefill_tokens + PerKvToken * decode_context_tokens</c>.
/// <para>
/// Every term is a time and must be >= 0 (a negative term would let the engine compute negative iteration times),
/// so the fit is non-negative least squares: the unconstrained least-squares solution when all four terms come out
/// >= 0 (the usual case), otherwise the best fit over the subsets of terms whose least-squares solution is
/// non-negative, the other terms fixed at 0. With four terms that search is over 16 subsets and is exact: the
/// non-negative optimum is the unconstrained optimum on its own support. Terms fixed at 0 are listed in
/// <see cref="ZeroedTerms"/> and in <see cref="Summary"/>.
/// </para>
/// <para>
/// The design must have full rank: a column that is constant, all zero or a linear combination of the ones before it
/// (in the order base, sequences, prefill_tokens, decode_context_tokens) cannot be separated and raises
/// <see cref="InputFileException"/> naming that column. Solves use MathNet's Householder QR on columns scaled to
/// unit maximum.
/// </para>
/// </summary>
/// <param name="Model">The fitted model.</param>
/// <param name="RSquared">Coefficient of determination of <paramref name="Model"/> on the rows (1 = exact).</param>
/// <param name="Rows">Iterations fitted.</param>
/// <param name="Source">The file the rows came from.</param>
/// <param name="ZeroedTerms">Terms the non-negativity constraint fixed at 0 (names as in the CSV; <c>base</c> for the intercept).</param>
public sealed record StepTimeFit(StepTimeModel Model, double RSquared, int Rows, string Source, IReadOnlyList<string> ZeroedTerms)
{
    /// <summary>The name of the intercept term in messages.</summary>
    public const string BaseTerm = "base";

    /// <summary>Relative residual below which a column counts as dependent on the columns before it.</summary>
    public const double RankTolerance = 1e-10;

    private static readonly string[] TermNames =
        [BaseTerm, StepTimeCsv.SequencesColumn, StepTimeCsv.PrefillTokensColumn, StepTimeCsv.DecodeContextTokensColumn];

    /// <summary>One line for the command line: the fitted terms, R^2 and any term fixed at 0.</summary>
    public string Summary
    {
        get
        {
            string text = string.Create(CultureInfo.InvariantCulture,
                $"{Model.Label}: base {Model.Base * 1e3:0.######} ms, per sequence {Model.PerSequence * 1e3:0.######} ms, " +
                $"per prefill token {Model.PerPrefillToken * 1e3:0.######} ms, per KV token {Model.PerKvToken * 1e3:0.#########} ms; " +
                $"R^2 = {RSquared:0.######} over {Rows} iterations");
            return ZeroedTerms.Count == 0
                ? text
                : text + $" ({string.Join(", ", ZeroedTerms)} fixed at 0: the unconstrained fit was negative)";
        }
    }

    /// <summary>Fits the rows; <paramref name="source"/> names the file in errors, <paramref name="label"/> labels the model.</summary>
    public static StepTimeFit Fit(IReadOnlyList<StepTimeSample> rows, string source, string label)
    {
        const int terms = 4;
        int n = rows.Count;
        if (n < terms)
        {
            throw new InputFileException(source, null, null, $"too few rows: fitting {terms} terms needs at least {terms} iterations (found {n}).");
        }

        var raw = new double[terms][];
        var y = new double[n];
        for (int t = 0; t < terms; t++)
        {
            raw[t] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            var r = rows[i];
            raw[0][i] = 1.0;
            raw[1][i] = r.Sequences;
            raw[2][i] = r.PrefillTokens;
            raw[3][i] = r.DecodeContextTokens;
            y[i] = r.Seconds;
        }

        // Scale each column to a maximum of 1 so the tolerances mean the same for every term.
        var scale = new double[terms];
        for (int t = 0; t < terms; t++)
        {
            double max = 0;
            foreach (double v in raw[t])
            {
                max = Math.Max(max, Math.Abs(v));
            }

            if (max == 0)
            {
                throw new InputFileException(source, null, TermNames[t],
                    "is 0 in every row, so its term cannot be fitted; measure iterations where it varies.");
            }

            scale[t] = max;
        }

        var observed = Vector<double>.Build.DenseOfArray(y);
        var full = Design(raw, scale, n, [0, 1, 2, 3]);
        RequireFullRank(full, source);
        var unconstrained = full.QR(QRMethod.Thin).Solve(observed);

        double[]? best = null;
        double bestSse = double.PositiveInfinity;
        // Masks from the full set down, so the full set wins ties and the order is fixed.
        for (int mask = (1 << terms) - 1; mask >= 0; mask--)
        {
            int[] columns = Enumerable.Range(0, terms).Where(t => (mask & (1 << t)) != 0).ToArray();
            var coefficients = new double[terms];
            if (columns.Length > 0)
            {
                var solution = columns.Length == terms ? unconstrained : Design(raw, scale, n, columns).QR(QRMethod.Thin).Solve(observed);
                bool feasible = true;
                for (int k = 0; k < columns.Length; k++)
                {
                    double value = solution[k] / scale[columns[k]];
                    feasible &= value >= 0;
                    coefficients[columns[k]] = value;
                }

                if (!feasible)
                {
                    continue;
                }
            }

            double sse = SumOfSquaredErrors(rows, coefficients);
            if (sse < bestSse)
            {
                bestSse = sse;
                best = coefficients;
            }

            if (mask == (1 << terms) - 1)
            {
                break; // the unconstrained solution is non-negative: it is the optimum
            }
        }

        var c = best!;
        var model = new StepTimeModel(c[0], c[1], c[2], c[3], label);
        var zeroed = Enumerable.Range(0, terms).Where(t => c[t] == 0 && unconstrained[t] < 0).Select(t => TermNames[t]).ToArray();
        return new StepTimeFit(model, RSquaredOf(rows, model), n, source, zeroed);
    }

    /// <summary>1 - SSE / SST of <paramref name="model"/> on <paramref name="rows"/> (1 when both are 0).</summary>
    public static double RSquaredOf(IReadOnlyList<StepTimeSample> rows, StepTimeModel model)
    {
        double mean = 0;
        foreach (var r in rows)
        {
            mean += r.Seconds;
        }

        mean /= rows.Count;
        double residual = 0, total = 0;
        foreach (var r in rows)
        {
            double e = r.Seconds - Predict(model.Base, model.PerSequence, model.PerPrefillToken, model.PerKvToken, r);
            residual += e * e;
            double d = r.Seconds - mean;
            total += d * d;
        }

        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - residual / total;
    }

    private static Matrix<double> Design(double[][] raw, double[] scale, int n, int[] columns)
    {
        var design = Matrix<double>.Build.Dense(n, columns.Length);
        for (int k = 0; k < columns.Length; k++)
        {
            double[] column = raw[columns[k]];
            double s = scale[columns[k]];
            for (int i = 0; i < n; i++)
            {
                design[i, k] = column[i] / s;
            }
        }

        return design;
    }

    /// <summary>
    /// Householder QR: |R[j,j]| is the norm of column j's part orthogonal to the columns before it, so a tiny ratio to
    /// the column's norm means it adds nothing the earlier terms cannot express.
    /// </summary>
    private static void RequireFullRank(Matrix<double> design, string source)
    {
        var r = design.QR(QRMethod.Thin).R;
        for (int j = 0; j < design.ColumnCount; j++)
        {
            double norm = design.Column(j).L2Norm();
            if (Math.Abs(r[j, j]) <= RankTolerance * norm)
            {
                string problem = IsConstant(design, j)
                    ? "is the same in every row, so its term cannot be separated from the base; measure iterations where it varies."
                    : "is a linear combination of the columns before it across all rows (a singular design), so its term cannot be separated; measure iterations that vary it independently.";
                throw new InputFileException(source, null, TermNames[j], problem);
            }
        }
    }

    private static bool IsConstant(Matrix<double> design, int column)
    {
        double first = design[0, column];
        for (int i = 1; i < design.RowCount; i++)
        {
            if (design[i, column] != first)
            {
                return false;
            }
        }

        return true;
    }

    private static double SumOfSquaredErrors(IReadOnlyList<StepTimeSample> rows, double[] c)
    {
        double sse = 0;
        foreach (var r in rows)
        {
            double e = r.Seconds - Predict(c[0], c[1], c[2], c[3], r);
            sse += e * e;
        }

        return sse;
    }

    private static double Predict(double b, double s, double p, double k, StepTimeSample r) =>
        b + s * r.Sequences + p * r.PrefillTokens + k * r.DecodeContextTokens;
}
