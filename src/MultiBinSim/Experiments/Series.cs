namespace MultiBinSim.Experiments;

/// <summary>
/// One line of a chart: a label, x values, and named y values (null where a run failed). Where several seeds ran at
/// one x, Y holds their mean and <see cref="YError"/> the half-width of its 95 % confidence interval.
/// </summary>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyDictionary<string, IReadOnlyList<double?>> Y)
{
    public IReadOnlyDictionary<string, IReadOnlyList<double?>> YError { get; init; } = new Dictionary<string, IReadOnlyList<double?>>();
}
