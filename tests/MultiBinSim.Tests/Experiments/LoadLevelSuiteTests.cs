using MultiBinSim.Errors;
using MultiBinSim.Experiments;

namespace MultiBinSim.Tests.Experiments;

/// <summary><c>mbsim suite --load</c>'s plan, in the library: one suite per level, each in its folder at its scaling.</summary>
public class LoadLevelSuiteTests
{
    private static readonly SuiteOptions Options = new()
    {
        OutputFolder = "out",
        Workload = new() { RpsScaling = 3, RealTimestamps = true },
    };

    [Fact]
    public void All_levels_run_at_x1_x10_x100_each_into_its_folder_tagged_with_its_level()
    {
        var plan = LoadLevelSuite.Plan(Options, "all", explicitScaling: false);
        Assert.Equal("out", plan.OutputFolder);
        Assert.Equal([LoadLevel.Low, LoadLevel.Medium, LoadLevel.High], plan.Levels.Select(l => l.Level));
        Assert.Equal([1.0, 10.0, 100.0], plan.Levels.Select(l => l.Options.Workload.RpsScaling));
        Assert.Equal([Path.Combine("out", "low"), Path.Combine("out", "medium"), Path.Combine("out", "high")], plan.Levels.Select(l => l.Options.OutputFolder));
        Assert.All(plan.Levels, l => Assert.Equal(l.Level, l.Options.LoadLevel));
        Assert.All(plan.Levels, l => Assert.False(l.Options.Workload.RealTimestamps));
    }

    [Fact]
    public void One_level_with_an_explicit_scaling_keeps_that_scaling()
    {
        var plan = LoadLevelSuite.Plan(Options, "Medium", explicitScaling: true);
        var (level, options) = Assert.Single(plan.Levels);
        Assert.Equal(LoadLevel.Medium, level);
        Assert.Equal(3.0, options.Workload.RpsScaling);
    }

    [Theory]
    [InlineData("all", true, "an explicit --rps-scaling would make them one")]
    [InlineData("extreme", false, "expected low, medium, high or all (got 'extreme')")]
    public void Contradictions_and_unknown_levels_are_option_errors(string load, bool explicitScaling, string message)
    {
        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => LoadLevelSuite.Plan(Options, load, explicitScaling)).Errors);
        Assert.Equal(nameof(SuiteOptions.LoadLevel), error.Property);
        Assert.Contains(message, error.Message);
    }
}
