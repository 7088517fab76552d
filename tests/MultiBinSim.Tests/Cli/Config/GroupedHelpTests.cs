using System.CommandLine;
using MultiBinSim.Cli;

namespace MultiBinSim.Tests.Cli.Config;

/// <summary>
/// One declaration of each option's section drives the configuration files and the help: every option of the commands
/// that take <c>--config</c> has a section, and <c>--help</c> lists it under that section's heading.
/// </summary>
public class GroupedHelpTests
{
    private static IEnumerable<Command> ConfigCommands()
    {
        yield return RunCommand.Create();
        yield return SuiteCommand.Create();
        yield return CapacityCommand.Create();
        foreach (var sweep in SweepCommand.Create().Subcommands)
        {
            yield return sweep;
        }
    }

    [Fact]
    public void Every_option_of_a_command_with_config_files_is_a_key_of_one_section()
    {
        foreach (var command in ConfigCommands())
        {
            var set = ConfigOptionSet.For(command);
            Assert.NotNull(set);
            foreach (var option in command.Options.Where(o => o != set.Config && o != set.PrintConfig))
            {
                Assert.True(OptionSections.SectionOf(option) is not null, $"{command.Name} {option.Name} has no configuration section");
            }

            Assert.Null(OptionSections.SectionOf(set.Config));
            Assert.Null(OptionSections.SectionOf(set.PrintConfig));
        }
    }

    [Fact]
    public void Run_help_lists_every_option_once_under_its_section_heading_in_order()
    {
        var command = RunCommand.Create();
        string help = GroupedHelpAction.Write(command.Parse([]).CommandResult, int.MaxValue);
        var headings = ConfigSection.All.Select(s => $"{s.Heading} [{s.Name}]:").Where(h => help.Contains(h, StringComparison.Ordinal)).ToList();
        Assert.Equal(["Workload [workload]:", "Engine [engine]:", "Batch engine: scheduler [scheduler]:"], headings.Take(3));
        Assert.Contains("Continuous engine: policy [policy]:", headings);
        Assert.Contains("SLOs [slos]:", headings);
        Assert.Contains("Output [output]:", headings);
        var lines = help.Split('\n');
        foreach (var option in command.Options)
        {
            var at = lines
                .Select((line, i) => (line, i))
                .Where(l => l.line.StartsWith($"  {option.Name} ", StringComparison.Ordinal) || l.line == $"  {option.Name}")
                .ToList();
            var line = Assert.Single(at);
            string heading = lines.Take(line.i).Last(l => l.EndsWith(':') && !l.StartsWith(' '));
            string expected = OptionSections.SectionOf(option) is { } section ? $"{section.Heading} [{section.Name}]:" : "Other options:";
            Assert.Equal(expected, heading);
        }
    }

    [Fact]
    public void Help_wraps_descriptions_to_the_width_and_keeps_defaults()
    {
        string help = GroupedHelpAction.Write(RunCommand.Create().Parse([]).CommandResult, 100);
        Assert.All(help.Split('\n'), line => Assert.True(line.Length <= 100 || !line.Contains(' ', StringComparison.Ordinal), line));
        Assert.Contains("[default: 1000000]", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_without_sections_keep_the_standard_help()
    {
        var (code, stdout, _) = MbsimProcess.Run("data", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Commands:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[workload]", stdout, StringComparison.Ordinal);
    }
}
