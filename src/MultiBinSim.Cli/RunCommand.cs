using System.CommandLine;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim run</c>: one simulation, printed as a table or JSON.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var gpus = new Option<int>("--gpus") { Description = "Number of GPUs G.", DefaultValueFactory = _ => 1 };
        var requests = new Option<int>("--requests") { Description = "Simulate the first N requests of the dataset.", DefaultValueFactory = _ => 1_000_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("run", "Simulate one scheduler configuration and print its metrics.") { gpus, requests, json };
        var workload = new WorkloadOptionSet();
        workload.AddTo(command);
        var scheduler = new SchedulerOptionSet();
        scheduler.AddTo(command);
        var continuous = ContinuousOptionSet.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var spec = new RunSpec
            {
                Workload = workload.Read(parse, parse.GetValue(requests)),
                CalibrationPath = parse.GetValue(workload.Calibration),
                Simulation = new SimulationConfig
                {
                    Gpus = parse.GetValue(gpus),
                    Scheduler = scheduler.Read(parse),
                },
            };

            spec = spec with { Simulation = continuous.Apply(parse, spec.Simulation) };
            bool asJson = parse.GetValue(json);
            // The table's first drawing costs tens of milliseconds of Spectre.Console start-up: pay it beside the run.
            var warming = asJson ? Task.CompletedTask : Task.Run(RunTable.Warm);
            var outcome = SingleRun.Execute(spec);
            warming.Wait();
            foreach (var warning in outcome.Workload.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            if (asJson)
            {
                Console.WriteLine(RunJson.Write(outcome));
            }
            else
            {
                RunTable.Print(outcome);
            }
        }));
        return command;
    }
}
