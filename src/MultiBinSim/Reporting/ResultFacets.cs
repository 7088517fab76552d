using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// Facet selectors for charts that split result rows into panels (one heatmap per load level). A selector returns the
/// facet of a row, or null when the row has none; rows with a null facet form one unnamed facet.
/// </summary>
public static class ResultFacets
{
    /// <summary>The result column that holds a run's load level (low, medium, high) once the suite records it.</summary>
    public static string LoadLevelColumn => ConfigurationColumns.LoadLevel.Name;

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

    /// <summary>
    /// The row's load level and requested workload size, "LEVEL, N=REQUESTS" ("N=REQUESTS" without a level), for
    /// results that hold several workload sizes per level (the grid step).
    /// </summary>
    public static string? LoadLevelAndRequests(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string? level = LoadLevel(row);
        string? requests = row[ConfigurationColumns.NumRequestsRequested.Name] is { } n
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"N={n}")
            : null;
        return level is null ? requests
            : requests is null ? level
            : $"{level}, {requests}";
    }

    /// <summary>
    /// The default facet of <paramref name="rows"/>: <see cref="LoadLevel"/> when they share one requested workload size,
    /// else <see cref="LoadLevelAndRequests"/>, so that runs of different sizes never share a cell.
    /// </summary>
    public static Func<ResultRow, string?> DefaultFor(IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => r[ConfigurationColumns.NumRequestsRequested.Name]).Distinct().Skip(1).Any() ? LoadLevelAndRequests : LoadLevel;
    }

    /// <summary>
    /// Facets in reading order: no facet first, then by level (low, medium, high, then other names), then by workload
    /// size N numerically, then ordinally.
    /// </summary>
    public static IEnumerable<string?> Order(IEnumerable<string?> facets)
    {
        ArgumentNullException.ThrowIfNull(facets);
        return facets.Distinct().OrderBy(Rank).ThenBy(Requests).ThenBy(f => f, StringComparer.Ordinal);
    }

    private static int Rank(string? facet) =>
        (facet is null ? null : facet.Split(", ")[0]) switch
        {
            null => 0,
            "low" => 1,
            "medium" => 2,
            "high" => 3,
            var level when level.StartsWith("N=", StringComparison.Ordinal) => 1,
            _ => 4,
        };

    private static long Requests(string? facet)
    {
        int at = facet?.IndexOf("N=", StringComparison.Ordinal) ?? -1;
        return
            at >= 0
            && long.TryParse(facet.AsSpan(at + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n
            : -1;
    }
}
