namespace MultiBinSim.Reporting;

/// <summary>One line of a chart: a label, x values, and named y values (null where a run failed).</summary>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyDictionary<string, IReadOnlyList<double?>> Y);
