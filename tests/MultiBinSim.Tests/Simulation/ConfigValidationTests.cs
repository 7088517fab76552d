using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;

namespace MultiBinSim.Tests.Simulation;

public class ConfigValidationTests
{
    public static TheoryData<SimulationConfig, string> Invalid => new()
    {
        { new SimulationConfig { Gpus = 0 }, "--gpus" },
        { new SimulationConfig { Scheduler = new SchedulerOptions { K = 0 } }, "--k" },
        { new SimulationConfig { Scheduler = new SchedulerOptions { K = 65 } }, "--k" },
        { new SimulationConfig { Scheduler = new SchedulerOptions { DSla = 0 } }, "--d-sla" },
        { new SimulationConfig { Scheduler = new SchedulerOptions { DSla = -1 } }, "--d-sla" },
        { new SimulationConfig { Scheduler = new SchedulerOptions { BMin = 10, BMax = 5 } }, "--b-min" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_fail_with_a_message_naming_the_option(SimulationConfig config, string option)
    {
        var w = Scenario.Requests((0, 100, 1));
        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(w, config));
        Assert.Contains(option, e.Message);
    }
}
