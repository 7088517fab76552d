using System.CommandLine;
using MultiBinSim.Cli;

var root = new RootCommand("MultiBinSim: a fast, exact discrete-event simulator of multi-bin and memory/SLA-aware dynamic batching for LLM serving.");
root.Subcommands.Add(RunCommand.Create());
return root.Parse(args).Invoke();
