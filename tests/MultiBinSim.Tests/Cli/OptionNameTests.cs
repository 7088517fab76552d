using System.CommandLine;
using MultiBinSim.Cli;

namespace MultiBinSim.Tests.Cli;

public class OptionNameTests
{
    public static TheoryData<string> Commands() => new(All().Select(c => c.Name));

    private static IEnumerable<Command> All()
    {
        var stack = new Stack<Command>([
            RunCommand.Create(),
            SuiteCommand.Create(),
            ResultsCommand.Create(),
            DataCommand.Create(),
            NotebookCommand.Create(),
            ValidateCommand.Create(),
            CapacityCommand.Create(),
            SweepCommand.Create(),
            ReproduceCommand.Create(),
        ]);
        while (stack.TryPop(out var command))
        {
            yield return command;
            foreach (var sub in command.Subcommands)
            {
                stack.Push(sub);
            }
        }
    }

    /// <summary>
    /// Two options with one name on a command parse ambiguously (the continuous engine's dynamic-batching epsilons once shadowed the batch engine's).
    /// </summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public void No_command_has_two_options_with_the_same_name_or_alias(string name)
    {
        var command = All().First(c => c.Name == name);
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
