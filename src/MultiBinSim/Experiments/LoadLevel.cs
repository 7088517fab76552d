using System.Globalization;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// The original simulator's three load levels (github.com/TravisLeeTS/llm-scheduler-sim, commit f1be833: README
/// "Run Full Evaluation (Three Load Levels)" and scripts/generate_analysis_plots.py, "low_1x", "medium_10x",
/// "high_100x"): the trace's arrival rate multiplied by 1, 10 and 100 (RPS scaling 1, 10, 100; BurstGPT's 0.27
/// requests/s becomes about 0.27, 2.7 and 27 requests/s). <c>mbsim suite --load</c> runs the suite once per level.
/// </summary>
public enum LoadLevel
{
    /// <summary>The trace's own rate (x1).</summary>
    Low,

    /// <summary>Ten times the trace's rate (x10).</summary>
    Medium,

    /// <summary>A hundred times the trace's rate (x100).</summary>
    High,
}

/// <summary>Names, multipliers and the row column of <see cref="LoadLevel"/>.</summary>
public static class LoadLevels
{
    /// <summary>The extra result column that carries a run's level (absent from runs without one).</summary>
    public static string Column => ConfigurationColumns.LoadLevel.Name;

    /// <summary>Every level, low to high.</summary>
    public static IReadOnlyList<LoadLevel> All { get; } = [LoadLevel.Low, LoadLevel.Medium, LoadLevel.High];

    /// <summary>Every name, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<string> Names => Errors.EnumNames.All<LoadLevel>();

    /// <summary>The level's name.</summary>
    public static string Name(LoadLevel level) => Errors.EnumNames.Name(level);

    /// <summary>The level's arrival-rate multiplier, the RPS scaling it runs at: 1, 10 or 100.</summary>
    public static double RpsScaling(LoadLevel level) =>
        level switch
        {
            LoadLevel.Low => 1.0,
            LoadLevel.Medium => 10.0,
            LoadLevel.High => 100.0,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown load level"),
        };

    /// <summary>The levels <paramref name="name"/> names (<c>all</c> = every level); null when it names none.</summary>
    public static IReadOnlyList<LoadLevel>? TryParse(string name) =>
        string.Equals(name, "all", StringComparison.OrdinalIgnoreCase) ? All
        : Errors.EnumNames.TryParse<LoadLevel>(name) is { } level ? [level]
        : null;

    /// <summary><paramref name="row"/> with its level in <see cref="Column"/>.</summary>
    public static ResultRow Tag(ResultRow row, LoadLevel level)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.WithExtra((Column, Name(level)));
    }

    /// <summary>A one-line description, e.g. <c>medium (x10, RPS scaling 10)</c>.</summary>
    public static string Describe(LoadLevel level) => string.Create(CultureInfo.InvariantCulture, $"{Name(level)} (x{RpsScaling(level):G})");
}
