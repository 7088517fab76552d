namespace MultiBinSim.Experiments.Reproductions;

/// <summary>One typed column of a reproduction's series: snake_case name, CLR type (int, double, string, bool) and unit.</summary>
/// <param name="Name">snake_case column name (the CSV header).</param>
/// <param name="Type">int, double, string or bool.</param>
/// <param name="Description">What the column holds, with its unit.</param>
public sealed record ReproductionColumn(string Name, Type Type, string Description)
{
    /// <summary>An integer column.</summary>
    public static ReproductionColumn Int(string name, string description) => new(name, typeof(int), description);

    /// <summary>A floating-point column.</summary>
    public static ReproductionColumn Double(string name, string description) => new(name, typeof(double), description);

    /// <summary>A text column.</summary>
    public static ReproductionColumn Text(string name, string description) => new(name, typeof(string), description);

    /// <summary>A boolean column.</summary>
    public static ReproductionColumn Bool(string name, string description) => new(name, typeof(bool), description);
}
