namespace MultiBinSim.Experiments.Reproductions;

/// <summary>One line of a reproduction chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values (NaN leaves a gap).</param>
/// <param name="Dashed">Draw dashed without markers (closed forms), else solid with markers (simulations).</param>
/// <param name="YError">Half-widths of vertical error bars (e.g. one standard deviation over seeds), or null.</param>
public sealed record ChartLine(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false, IReadOnlyList<double>? YError = null);
