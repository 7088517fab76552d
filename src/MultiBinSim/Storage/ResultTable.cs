namespace MultiBinSim.Storage;

/// <summary>
/// The rows of one results file together with its column layout (its header, in the file's order). The layout may
/// lack columns of this version (an older file) or have columns this version does not know (a newer file).
/// </summary>
/// <param name="Header">The file's column names, in the file's order.</param>
/// <param name="Rows">The rows, in file order.</param>
public sealed record ResultTable(IReadOnlyList<string> Header, List<ResultRow> Rows)
{
    /// <summary>Whether the layout has every column of this version (rows of this version can be appended as they are).</summary>
    public bool HasAllCurrentColumns => ResultSchema.Names.All(Header.Contains);

    /// <summary>
    /// The layout that holds both this version's columns and every column of <paramref name="layouts"/>: this version's
    /// columns in schema order, then unknown columns in order of first appearance.
    /// </summary>
    public static IReadOnlyList<string> Union(IEnumerable<IEnumerable<string>> layouts)
    {
        var union = new List<string>(ResultSchema.Names);
        var seen = new HashSet<string>(union, StringComparer.Ordinal);
        foreach (var name in layouts.SelectMany(l => l))
        {
            if (seen.Add(name))
            {
                union.Add(name);
            }
        }

        return union;
    }
}
