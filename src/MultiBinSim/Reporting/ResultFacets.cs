using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// Facet selectors for charts that split result rows into panels (one heatmap per load level). A selector returns the
/// facet of a row, or null when the row has none; rows with a null facet form one unnamed facet.
/// </summary>
public static class ResultFacets
{
    /// <summary>The result column that holds a run's load level (low, medium, high) once the suite records it.</summary>
    public const string LoadLevelColumn = "load_level";

    /// <summary>
    /// The row's load level: the <c>load_level</c> column of this version when it has one, else the text kept from a
    /// file that has it (<see cref="ResultRow.Extra"/>), else null (results without levels give one facet).
    /// </summary>
    public static string? LoadLevel(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int column = ResultSchema.TryIndexOf(LoadLevelColumn);
        if (column >= 0 && row[column] is { } value)
        {
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return row.Extra.TryGetValue(LoadLevelColumn, out var text) ? text : null;
    }

    /// <summary>Facets in reading order: no facet first, then low, medium, high, then any other names in ordinal order.</summary>
    public static IEnumerable<string?> Order(IEnumerable<string?> facets)
    {
        ArgumentNullException.ThrowIfNull(facets);
        return facets.Distinct().OrderBy(Rank).ThenBy(f => f, StringComparer.Ordinal);
    }

    private static int Rank(string? facet) => facet switch
    {
        null => 0,
        "low" => 1,
        "medium" => 2,
        "high" => 3,
        _ => 4,
    };
}
