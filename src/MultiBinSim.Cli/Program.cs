using System.CommandLine;
using MultiBinSim.Cli;

// Redirected output (CI logs, files) has no width: give tables room instead of Spectre's 80-column default.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 160;
}

var root = new RootCommand("MultiBinSim: a fast, exact discrete-event simulator of multi-bin and memory/SLA-aware dynamic batching for LLM serving.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(SuiteCommand.Create());
root.Subcommands.Add(ResultsCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(NotebookCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(CapacityCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
GroupedHelpAction.Install(root);
return ConfigInvocation.Invoke(root, args);
