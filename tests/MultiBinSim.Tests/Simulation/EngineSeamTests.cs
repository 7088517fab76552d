using MultiBinSim.Experiments;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Tests.Simulation;

/// <summary>
/// Engine-specific behaviour (which configuration a suite runs, how rows are tagged, which capacity criterion applies,
/// whether predictions matter, what is validated) comes from <see cref="ISimulationEngine"/>, never from comparing an
/// engine's name.
/// </summary>
public class EngineSeamTests
{
    public static TheoryData<string> Engines => new(SimulationEngines.Names);

    [Theory]
    [MemberData(nameof(Engines))]
    public void Adopting_a_configuration_runs_it_on_that_engine(string name)
    {
        var engine = SimulationEngines.Get(name);
        var settings = new SimulationConfig { Continuous = new ContinuousOptions { MaxNumSeqs = 7 } };
        var adopted = engine.Adopt(new SimulationConfig { Gpus = 3 }, settings, out string? whyNot);

        Assert.NotNull(adopted);
        Assert.Null(whyNot);
        Assert.Equal(name, adopted.Engine);
        Assert.Equal(3, adopted.Gpus);
        // The engine's own settings travel with it exactly when it has any.
        Assert.Equal(engine.Settings(adopted) is not null, adopted.Continuous.MaxNumSeqs == 7);
    }

    [Fact]
    public void Only_the_continuous_engine_tags_rows_and_judges_capacity_by_slo_attainment()
    {
        var batch = SimulationEngines.Get("batch");
        var continuous = SimulationEngines.Get(ContinuousEngine.EngineName);

        Assert.Null(batch.Settings(new SimulationConfig()));
        Assert.False(batch.MeasuresTokenTimes);
        Assert.True(continuous.MeasuresTokenTimes);
        Assert.False(new CapacitySweepOptions().IsContinuous);
        Assert.True(new CapacitySweepOptions { Engine = ContinuousEngine.EngineName }.IsContinuous);

        var a = new SimulationConfig { Engine = ContinuousEngine.EngineName };
        var b = a with { Continuous = a.Continuous with { MaxNumSeqs = 33 } };
        Assert.NotEqual(EngineColumns.Fingerprint(continuous.Settings(a)!), EngineColumns.Fingerprint(continuous.Settings(b)!));
    }

    [Fact]
    public void Predictions_are_unused_only_by_a_continuous_run_without_bins()
    {
        var continuous = SimulationEngines.Get(ContinuousEngine.EngineName);
        var fcfs = new SimulationConfig { Engine = ContinuousEngine.EngineName };
        var binned = fcfs with { Continuous = fcfs.Continuous with { Admission = ContinuousAdmission.MultiBin } };

        Assert.Null(SimulationEngines.Get("batch").PredictionsUnused(new SimulationConfig()));
        Assert.Equal("Continuous.Admission", continuous.PredictionsUnused(fcfs)?.Property);
        Assert.Null(continuous.PredictionsUnused(binned));
    }

    [Fact]
    public void Continuous_options_are_validated_only_on_the_continuous_engine()
    {
        var bad = new ContinuousOptions { MaxNumSeqs = 0 };
        new SimulationConfig { Continuous = bad }.Validate();

        var e = Assert.Throws<Errors.ConfigurationException>(() => new SimulationConfig { Engine = ContinuousEngine.EngineName, Continuous = bad }.Validate());
        Assert.Equal("Continuous.MaxNumSeqs", Assert.Single(e.Errors).Property);
    }

    [Fact]
    public void The_experiments_layer_never_compares_an_engine_name()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "MultiBinSim", "Experiments")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        string root = Path.Combine(dir.FullName, "src", "MultiBinSim", "Experiments");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains("== ContinuousEngine.EngineName", StringComparison.Ordinal)
                || x.line.Contains("== Simulation.Continuous.ContinuousEngine.EngineName", StringComparison.Ordinal)
                || x.line.Contains("!= ContinuousEngine.EngineName", StringComparison.Ordinal))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}")
            .ToArray();
        Assert.Empty(offenders);
    }
}
