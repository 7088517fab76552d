using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;

namespace MultiBinSim.Tests.Simulation;

public class ConfigValidationTests
{
    public static TheoryData<SimulationConfig, string> Invalid =>
        new()
        {
            {
                new SimulationConfig { Gpus = 0 },
                "Gpus"
            },
            {
                new SimulationConfig { Scheduler = new SchedulerOptions { K = 0 } },
                "Scheduler.K"
            },
            {
                new SimulationConfig { Scheduler = new SchedulerOptions { K = 65 } },
                "Scheduler.K"
            },
            {
                new SimulationConfig { Scheduler = new SchedulerOptions { DSla = 0 } },
                "Scheduler.DSla"
            },
            {
                new SimulationConfig { Scheduler = new SchedulerOptions { DSla = -1 } },
                "Scheduler.DSla"
            },
            {
                new SimulationConfig
                {
                    Scheduler = new SchedulerOptions { BMin = 10, BMax = 5 },
                },
                "Scheduler.BMin"
            },
            {
                new SimulationConfig { Engine = "warp" },
                "Engine"
            },
            {
                new SimulationConfig { Scheduler = new SchedulerOptions { Memory = new GpuMemoryModel(12, 12, 1e-6, 1) } },
                "Scheduler.Memory.ModelMemoryGb"
            },
        };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_fail_with_an_error_keyed_by_the_property(SimulationConfig config, string property)
    {
        var w = Scenario.Requests((0, 100, 1));
        var e = Assert.Throws<Errors.ConfigurationException>(() => SimulationEngines.Run(w, config));
        Assert.Equal(property, Assert.Single(e.Errors).Property);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal); // the library names properties; only the CLI names flags
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once()
    {
        var config = new SimulationConfig
        {
            Gpus = 0,
            Scheduler = new SchedulerOptions
            {
                K = 0,
                DSla = -1,
                SlaAlpha = 0,
            },
        };
        var e = Assert.Throws<Errors.ConfigurationException>(config.Validate);
        Assert.Equal(["Gpus", "Scheduler.K", "Scheduler.DSla", "Scheduler.SlaAlpha"], e.Errors.Select(x => x.Property).ToArray());
    }
}
