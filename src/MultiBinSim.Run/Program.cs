using System.CommandLine;
using MultiBinSim.Cli;

// mbsim-run: `mbsim run`'s options and output as the whole command line, built to be compiled ahead of time.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 160;
}

var run = RunCommand.Create();
var root = new RootCommand(run.Description ?? "");
foreach (var option in run.Options)
{
    root.Options.Add(option);
}

root.Action = run.Action;
OptionScopes.Alias(run, root);
ConfigOptionSet.Alias(run, root);
GroupedHelpAction.Install(root);
return ConfigInvocation.Invoke(root, args);
