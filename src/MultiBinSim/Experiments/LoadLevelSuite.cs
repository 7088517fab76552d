using MultiBinSim.Errors;

namespace MultiBinSim.Experiments;

/// <summary>
/// <c>mbsim suite --load LEVEL|all</c>: the suite once per load level, each into OUT/LEVEL at the level's arrival
/// scaling; OUT's own front page then links the levels' (the front end writes it, with the charts). The front end runs
/// each level's suite with its own progress view.
/// </summary>
public sealed class LoadLevelSuite
{
    private LoadLevelSuite(string outputFolder, IReadOnlyList<(LoadLevel Level, SuiteOptions Options)> levels)
    {
        OutputFolder = outputFolder;
        Levels = levels;
    }

    /// <summary>OUT, the folder whose front page links the levels'.</summary>
    public string OutputFolder { get; }

    /// <summary>Each level with the suite options it runs with (its folder, its RPS scaling, its row tag), low to high.</summary>
    public IReadOnlyList<(LoadLevel Level, SuiteOptions Options)> Levels { get; }

    /// <summary>
    /// The levels <paramref name="load"/> names (<see cref="LoadLevels.TryParse"/>) run from <paramref name="options"/>:
    /// each into OUT/LEVEL at the level's RPS scaling, or at the options' own when <paramref name="explicitScaling"/>
    /// (one level only: an explicit scaling would make three levels one). Real timestamps are off: a level is a scaling.
    /// </summary>
    /// <exception cref="ConfigurationException">An unknown level, or an explicit scaling with several levels.</exception>
    public static LoadLevelSuite Plan(SuiteOptions options, string load, bool explicitScaling)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(load);
        var levels = LoadLevels.TryParse(load)
            ?? throw new ConfigurationException(nameof(SuiteOptions.LoadLevel), $"expected {string.Join(", ", LoadLevels.Names)} or all (got '{load}')");
        if (explicitScaling && levels.Count > 1)
        {
            throw new ConfigurationException(
                nameof(SuiteOptions.LoadLevel),
                "--load all runs three arrival scalings; an explicit --rps-scaling would make them one (give a single level to override its multiplier)"
            );
        }

        return new LoadLevelSuite(
            options.OutputFolder,
            levels
                .Select(level =>
                    (
                        level,
                        options with
                        {
                            LoadLevel = level,
                            OutputFolder = Path.Combine(options.OutputFolder, LoadLevels.Name(level)),
                            Workload = options.Workload with
                            {
                                RpsScaling = explicitScaling ? options.Workload.RpsScaling : LoadLevels.RpsScaling(level),
                                RealTimestamps = false,
                            },
                        }
                    )
                )
                .ToArray()
        );
    }
}
