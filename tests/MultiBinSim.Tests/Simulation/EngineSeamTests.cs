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
    public void The_suite_configuration_and_analysis_carry_the_engine_settings_only_on_an_engine_with_settings()
    {
        var continuous = new SuiteOptions
        {
            Engine = ContinuousEngine.EngineName,
            Continuous = new ContinuousOptions { MaxNumSeqs = 17 },
        };
        Assert.Contains(
            "\"continuous\":" + CanonicalConfiguration.Serialize(continuous.Continuous),
            SuiteAnalysis.Configuration(continuous),
            StringComparison.Ordinal
        );
        Assert.Same(continuous.Continuous, EngineColumns.SettingsOf(continuous));
        var batch = new SuiteOptions { Continuous = continuous.Continuous };
        Assert.Contains("\"continuous\":null", SuiteAnalysis.Configuration(batch), StringComparison.Ordinal);
        Assert.Null(EngineColumns.SettingsOf(batch));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Each_engine_describes_its_own_runs(string name)
    {
        var engine = SimulationEngines.Get(name);
        var spec = new RunSpec
        {
            Workload = new MultiBinSim.Workloads.WorkloadOptions { Requests = 50 },
            Simulation = new SimulationConfig { Engine = name },
        };
        var outcome = SingleRun.Execute(spec);
        var rows = engine.RunTableRows(outcome.Completed);
        using var json = System.Text.Json.JsonDocument.Parse(MultiBinSim.Reporting.RunJson.Write(outcome));
        // The continuous engine names itself and its replicas; the batch engine its scheduler and GPUs (release 0.1's keys).
        bool continuous = engine.MeasuresTokenTimes;
        Assert.Equal(continuous, json.RootElement.TryGetProperty("engine", out _));
        Assert.Equal(!continuous, json.RootElement.TryGetProperty("scheduler", out _));
        Assert.Equal(continuous ? "replicas" : "scheduler", rows[continuous ? 1 : 0].Setting);
        Assert.Equal(!continuous, engine.ShowsInRunTable(MultiBinSim.Metrics.MetricCatalogue.NumBatches));
        Assert.True(engine.ShowsInRunTable(MultiBinSim.Metrics.MetricCatalogue.NumCompleted));
    }

    /// <summary>
    /// Engine-specific behaviour is behind <see cref="ISimulationEngine"/>: no source file outside the engine registry
    /// compares a configuration's engine with an engine's name (<c>EngineName ==</c>, <c>!= SimulationEngines.Default</c>,
    /// a name literal). Choosing an engine (<c>Engine = ContinuousEngine.EngineName</c>) and declaring which engine an
    /// option belongs to (<c>OptionScopes</c>) are not comparisons.
    /// </summary>
    [Fact]
    public void No_code_outside_the_engine_registry_compares_an_engine_name()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "MultiBinSim", "Experiments")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var comparison = new System.Text.RegularExpressions.Regex(
            @"(==|!=)\s*[\w.]*\bEngineName\b|\bEngineName\s*(==|!=)|(==|!=)\s*[\w.]*SimulationEngines\.Default\b|\bEngine\s*(==|!=)\s*""(batch|continuous)"""
        );
        string registry = Path.Combine(dir.FullName, "src", "MultiBinSim", "Simulation", "SimulationEngines.cs");
        var files = Directory
            .EnumerateFiles(Path.Combine(dir.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f =>
                f != registry
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .ToArray();
        Assert.Contains(files, f => f.EndsWith("RunJson.cs", StringComparison.Ordinal));
        var offenders = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => comparison.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToArray();
        Assert.Empty(offenders);
        Assert.Matches(comparison, "if (sim.Engine == ContinuousEngine.EngineName)");
        Assert.Matches(comparison, "bool continuous = options.Engine != Simulation.SimulationEngines.Default;");
    }
}
