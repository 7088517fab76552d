namespace MultiBinSim.Experiments.Reproductions;

/// <summary>One line of a reproduction chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values (NaN leaves a gap).</param>
/// <param name="Dashed">Draw dashed without markers (closed forms, published numbers), else solid with markers (simulations).</param>
/// <param name="YError">Half-widths of vertical error bars (e.g. one standard deviation over seeds), or null.</param>
/// <param name="Family">The line's family (a k, a B, a policy): lines of one family share one colour and one legend
/// group, the simulated one solid and its closed form dashed. Null: a family of its own.</param>
/// <param name="Symbol">Marker symbol of a solid line (Plotly's names, e.g. "square-open"), to tell apart two simulated
/// lines of one family; null: Plotly's default (a filled circle).</param>
public sealed record ChartLine(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    bool Dashed = false,
    IReadOnlyList<double>? YError = null,
    string? Family = null,
    string? Symbol = null
);
