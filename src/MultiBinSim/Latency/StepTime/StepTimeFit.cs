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
/// <para>
/// A file with the optional <c>prefill_tokens_squared</c> column and both kinds of rows gets the split fit
/// (<see cref="FitSplit"/>, <see cref="Fit(StepTimeMeasurements, string, string)"/>): decode and prefill iterations
/// fitted separately, <see cref="Decode"/> and <see cref="Prefill"/> set. Every other file gets the four-term fit
/// above, unchanged.
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

    /// <summary>The name of the split fit's prefill intercept (<see cref="StepTimeModel.PrefillBase"/>) in messages.</summary>
    public const string PrefillBaseTerm = "prefill_base";

    /// <summary>Relative residual below which a column counts as dependent on the columns before it.</summary>
    public const double RankTolerance = 1e-10;

    private static readonly string[] TermNames =
    [
        BaseTerm,
        StepTimeCsv.SequencesColumn,
        StepTimeCsv.PrefillTokensColumn,
        StepTimeCsv.DecodeContextTokensColumn,
    ];

    private static readonly string[] DecodeTermNames = [BaseTerm, StepTimeCsv.SequencesColumn, StepTimeCsv.DecodeContextTokensColumn];

    private static readonly string[] PrefillTermNames = [PrefillBaseTerm, StepTimeCsv.PrefillTokensColumn, StepTimeCsv.PrefillTokensSquaredColumn];

    /// <summary>The split fit's decode half (base, per sequence, per KV token over the decode rows); null for a four-term fit.</summary>
    public StepTimeFitPart? Decode { get; init; }

    /// <summary>
    /// The split fit's prefill half (prefill base, per prefill token, per squared prefill token over the prefill rows,
    /// on top of the decode terms); null for a four-term fit.
    /// </summary>
    public StepTimeFitPart? Prefill { get; init; }

    /// <summary>One line for the command line: the fitted terms, R^2 (of each half for a split fit) and any term fixed at 0.</summary>
    public string Summary
    {
        get
        {
            string text =
                Decode is null || Prefill is null
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"{Model.Label}: base {Model.Base * 1e3:0.######} ms, per sequence {Model.PerSequence * 1e3:0.######} ms, "
                            + $"per prefill token {Model.PerPrefillToken * 1e3:0.######} ms, per KV token {Model.PerKvToken * 1e3:0.#########} ms; "
                            + $"R^2 = {RSquared:0.######} over {Rows} iterations"
                    )
                    : string.Create(
                        CultureInfo.InvariantCulture,
                        $"{Model.Label}: split fit; decode: base {Model.Base * 1e3:0.######} ms, per sequence {Model.PerSequence * 1e3:0.######} ms, "
                            + $"per KV token {Model.PerKvToken * 1e3:0.#########} ms, R^2 = {Decode.RSquared:0.######} over {Decode.Rows} iterations; "
                            + $"prefill (on top of the decode terms): prefill base {Model.PrefillBase * 1e3:0.######} ms, "
                            + $"per prefill token {Model.PerPrefillToken * 1e3:0.######} ms, "
                            + $"per squared prefill token {Model.PerPrefillTokenSquared * 1e3:0.############} ms, "
                            + $"R^2 = {Prefill.RSquared:0.######} over {Prefill.Rows} iterations; R^2 = {RSquared:0.######} over all {Rows}"
                    );
            return ZeroedTerms.Count == 0 ? text : text + $" ({string.Join(", ", ZeroedTerms)} fixed at 0: the unconstrained fit was negative)";
        }
    }

    /// <summary>
    /// Fits a file's rows: the split fit (<see cref="FitSplit"/>) when it has the <c>prefill_tokens_squared</c> column and
    /// both decode rows (prefill_tokens 0) and prefill rows, otherwise the four-term fit
    /// (<see cref="Fit(IReadOnlyList{StepTimeSample}, string, string)"/>) over all rows. A file with that column and a
    /// non-zero value in it but no decode rows is an error: its term is fitted only by the split fit.
    /// </summary>
    public static StepTimeFit Fit(StepTimeMeasurements measurements, string source, string label)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var rows = measurements.Rows;
        if (measurements.HasPrefillTokensSquared)
        {
            bool anyDecode = rows.Any(r => r.IsDecode);
            bool anyPrefill = rows.Any(r => !r.IsDecode);
            if (anyDecode && anyPrefill)
            {
                return FitSplit(rows, source, label);
            }

            if (!anyDecode && rows.Any(r => r.PrefillTokensSquared != 0))
            {
                throw new InputFileException(
                    source,
                    null,
                    StepTimeCsv.PrefillTokensSquaredColumn,
                    "is fitted only by the split fit, which needs decode iterations (prefill_tokens 0) as well as prefill ones, and the file has none; add decode rows or drop the column."
                );
            }
        }

        return Fit(rows, source, label);
    }

    /// <summary>Fits the rows; <paramref name="source"/> names the file in errors, <paramref name="label"/> labels the model.</summary>
    public static StepTimeFit Fit(IReadOnlyList<StepTimeSample> rows, string source, string label)
    {
        ArgumentNullException.ThrowIfNull(rows);
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

        var (c, zeroed) = NonNegative(raw, y, TermNames, source, "row", "the base");
        var model = new StepTimeModel(c[0], c[1], c[2], c[3], label);
        return new StepTimeFit(model, RSquaredOf(rows, model), n, source, zeroed);
    }

    /// <summary>
    /// The split fit: decode iterations (prefill_tokens 0) and iterations with prompt tokens fitted separately, both by
    /// non-negative least squares as in the four-term fit.
    /// <list type="number">
    /// <item>Decode rows: <c>seconds ~ Base + PerSequence * sequences + PerKvToken * decode_context_tokens</c>.</item>
    /// <item>Prefill rows (prefill or mixed iterations), with those three terms held fixed:
    /// <c>seconds - (Base + PerSequence * sequences + PerKvToken * decode_context_tokens) ~ PrefillBase +
    /// PerPrefillToken * prefill_tokens + PerPrefillTokenSquared * prefill_tokens_squared</c>.</item>
    /// </list>
    /// The combined model (<see cref="StepTimeModel.IterationTime(int, long, long, long)"/>) is then the decode fit on a
    /// decode iteration, exactly, and the decode terms plus the prefill fit's terms on an iteration with prompt tokens,
    /// which is exactly what the prefill half fitted. Each half needs at least 3 rows and a full-rank design of its own
    /// (errors name the column and the half).
    /// </summary>
    public static StepTimeFit FitSplit(IReadOnlyList<StepTimeSample> rows, string source, string label)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const int terms = 3;
        var decode = rows.Where(r => r.IsDecode).ToArray();
        var prefill = rows.Where(r => !r.IsDecode).ToArray();
        foreach (
            var (half, count) in new[] { ("decode iterations (prefill_tokens 0)", decode.Length), ("prefill iterations (prefill_tokens > 0)", prefill.Length) }
        )
        {
            if (count < terms)
            {
                throw new InputFileException(
                    source,
                    null,
                    null,
                    $"too few {half} for the split fit: fitting {terms} terms needs at least {terms} (found {count})."
                );
            }
        }

        var raw = new double[terms][];
        for (int t = 0; t < terms; t++)
        {
            raw[t] = new double[decode.Length];
        }

        var y = new double[decode.Length];
        for (int i = 0; i < decode.Length; i++)
        {
            raw[0][i] = 1.0;
            raw[1][i] = decode[i].Sequences;
            raw[2][i] = decode[i].DecodeContextTokens;
            y[i] = decode[i].Seconds;
        }

        var (d, decodeZeroed) = NonNegative(raw, y, DecodeTermNames, source, "decode row", "the base");
        var decodeModel = new StepTimeModel(d[0], d[1], 0.0, d[2], label);

        for (int t = 0; t < terms; t++)
        {
            raw[t] = new double[prefill.Length];
        }

        y = new double[prefill.Length];
        for (int i = 0; i < prefill.Length; i++)
        {
            var r = prefill[i];
            raw[0][i] = 1.0;
            raw[1][i] = r.PrefillTokens;
            raw[2][i] = r.PrefillTokensSquared;
            y[i] = r.Seconds - Predict(decodeModel, r);
        }

        var (p, prefillZeroed) = NonNegative(raw, y, PrefillTermNames, source, "prefill row", "the prefill base");
        var model = decodeModel with { PerPrefillToken = p[1], PrefillBase = p[0], PerPrefillTokenSquared = p[2] };
        return new StepTimeFit(model, RSquaredOf(rows, model), rows.Count, source, [.. decodeZeroed, .. prefillZeroed])
        {
            Decode = new StepTimeFitPart(decode.Length, RSquaredOf(decode, model), decodeZeroed),
            Prefill = new StepTimeFitPart(prefill.Length, RSquaredOf(prefill, model), prefillZeroed),
        };
    }

    /// <summary>
    /// 1 - SSE / SST of <paramref name="model"/> on <paramref name="rows"/> (1 when both are 0), every term charged as
    /// <see cref="StepTimeModel.IterationTime(int, long, long, long)"/> charges it.
    /// </summary>
    public static double RSquaredOf(IReadOnlyList<StepTimeSample> rows, StepTimeModel model)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(model);
        double mean = 0;
        foreach (var r in rows)
        {
            mean += r.Seconds;
        }

        mean /= rows.Count;
        double residual = 0,
            total = 0;
        foreach (var r in rows)
        {
            double e = r.Seconds - Predict(model, r);
            residual += e * e;
            double d = r.Seconds - mean;
            total += d * d;
        }

        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - residual / total;
    }

    /// <summary>
    /// Non-negative least squares of <paramref name="y"/> on the columns <paramref name="raw"/> (the first the
    /// intercept): the unconstrained solution when it is non-negative, otherwise the best over the subsets of columns
    /// whose own solution is non-negative. Returns the coefficients and the names of the terms fixed at 0.
    /// <paramref name="rowKind"/> and <paramref name="intercept"/> word the rank errors.
    /// </summary>
    private static (double[] Coefficients, string[] Zeroed) NonNegative(
        double[][] raw,
        double[] y,
        string[] names,
        string source,
        string rowKind,
        string intercept
    )
    {
        int terms = raw.Length;
        int n = y.Length;

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
                throw new InputFileException(
                    source,
                    null,
                    names[t],
                    $"is 0 in every {rowKind}, so its term cannot be fitted; measure iterations where it varies."
                );
            }

            scale[t] = max;
        }

        var observed = Vector<double>.Build.DenseOfArray(y);
        var full = Design(raw, scale, n, Enumerable.Range(0, terms).ToArray());
        RequireFullRank(full, source, names, rowKind, intercept);
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

            double sse = SumOfSquaredErrors(raw, y, coefficients);
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
        var zeroed = Enumerable.Range(0, terms).Where(t => c[t] == 0 && unconstrained[t] < 0).Select(t => names[t]).ToArray();
        return (c, zeroed);
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
    private static void RequireFullRank(Matrix<double> design, string source, string[] names, string rowKind, string intercept)
    {
        var r = design.QR(QRMethod.Thin).R;
        for (int j = 0; j < design.ColumnCount; j++)
        {
            double norm = design.Column(j).L2Norm();
            if (Math.Abs(r[j, j]) <= RankTolerance * norm)
            {
                string problem = IsConstant(design, j)
                    ? $"is the same in every {rowKind}, so its term cannot be separated from {intercept}; measure iterations where it varies."
                    : $"is a linear combination of the columns before it across all {rowKind}s (a singular design), so its term cannot be separated; measure iterations that vary it independently.";
                throw new InputFileException(source, null, names[j], problem);
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

    /// <summary>Sum of squared residuals of y against the columns weighted by <paramref name="c"/>, summed term by term in column order.</summary>
    private static double SumOfSquaredErrors(double[][] raw, double[] y, double[] c)
    {
        double sse = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double predicted = c[0] * raw[0][i];
            for (int t = 1; t < c.Length; t++)
            {
                predicted += c[t] * raw[t][i];
            }

            double e = y[i] - predicted;
            sse += e * e;
        }

        return sse;
    }

    /// <summary>
    /// The model's time for a row: the linear terms, plus, on a row with prompt tokens, the split fit's prefill base
    /// and squared term (as <see cref="StepTimeModel.IterationTime(int, long, long, long)"/>, without narrowing the
    /// sequence count to an int).
    /// </summary>
    private static double Predict(StepTimeModel m, StepTimeSample r)
    {
        double linear = m.Base + m.PerSequence * r.Sequences + m.PerPrefillToken * r.PrefillTokens + m.PerKvToken * r.DecodeContextTokens;
        return r.PrefillTokens > 0 ? linear + m.PrefillBase + m.PerPrefillTokenSquared * r.PrefillTokensSquared : linear;
    }
}
