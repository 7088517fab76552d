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
        var scheduler = new Option<string>("--scheduler") { Description = $"Scheduling policy: {string.Join(", ", SchedulerNames.All)}.", DefaultValueFactory = _ => "multi_bin_dynamic" };
        var gpus = new Option<int>("--gpus") { Description = "Number of GPUs G.", DefaultValueFactory = _ => 1 };
        var k = new Option<int>("--k") { Description = "Number of bins K (binned schedulers), 1 to 64.", DefaultValueFactory = _ => 4 };
        var requests = new Option<int>("--requests") { Description = "Simulate the first N requests of the dataset.", DefaultValueFactory = _ => 1_000_000 };
        var sigma = new Option<double>("--predictor-sigma") { Description = "Noise sigma of the noisy-oracle predictor.", DefaultValueFactory = _ => 0.25 };
        var binPolicy = new Option<string>("--bin-policy") { Description = "Bin selection: round-robin or longest-queue.", DefaultValueFactory = _ => "round-robin" };
        var dropFailed = new Option<bool>("--drop-failed") { Description = "Drop failed rows (0 response tokens) before taking N." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var defaults = new SchedulerOptions();
        var bMin = new Option<int>("--b-min") { Description = "Smallest dynamic batch B_MIN.", DefaultValueFactory = _ => defaults.BMin };
        var bMax = new Option<int>("--b-max") { Description = "Largest dynamic batch B_MAX.", DefaultValueFactory = _ => defaults.BMax };
        var pool = new Option<int>("--candidate-pool") { Description = "Waiting requests a dynamic batcher considers.", DefaultValueFactory = _ => defaults.CandidatePool };
        var staticBatch = new Option<int>("--static-batch") { Description = "Batch size of static_fifo.", DefaultValueFactory = _ => defaults.StaticBatchSize };
        var fixedBatch = new Option<int>("--fixed-batch") { Description = "Batch size of multi_bin_fixed.", DefaultValueFactory = _ => defaults.FixedBatchSize };
        var epsilon = new Option<double>("--sla-epsilon") { Description = "SLA tolerance eps in seconds (dead band D_SLA +/- 2 eps).", DefaultValueFactory = _ => defaults.SlaEpsilon };
        var gpuMemory = new Option<double>("--gpu-memory") { Description = "GPU memory in GB.", DefaultValueFactory = _ => defaults.Memory.GpuMemoryGb };
        var modelMemory = new Option<double>("--model-memory") { Description = "Model weights in GB.", DefaultValueFactory = _ => defaults.Memory.ModelMemoryGb };
        var kvPerToken = new Option<double>("--kv-per-token") { Description = "KV cache per token in GB.", DefaultValueFactory = _ => defaults.Memory.KvCacheGbPerToken };
        var margin = new Option<double>("--memory-margin") { Description = "Memory safety margin in GB.", DefaultValueFactory = _ => defaults.Memory.MarginGb };

        var command = new Command("run", "Simulate one scheduler configuration and print its metrics.")
        {
            scheduler, gpus, k, requests, sigma, binPolicy, dropFailed, json,
            bMin, bMax, pool, staticBatch, fixedBatch, epsilon, gpuMemory, modelMemory, kvPerToken, margin,
        };

        var workload = new WorkloadOptionSet();
        workload.AddTo(command);
        var algorithms = new AlgorithmOptionSet();
        algorithms.AddTo(command);
        var continuous = ContinuousOptionSet.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var spec = new RunSpec
            {
                Dataset = parse.GetValue(workload.Dataset)!,
                CalibrationPath = parse.GetValue(workload.Calibration),
                Format = TraceReaders.Parse(parse.GetValue(workload.Format)!),
                Workload = new WorkloadOptions
                {
                    Requests = parse.GetValue(requests),
                    RpsScaling = parse.GetValue(workload.RpsScaling),
                    RealTimestamps = parse.GetValue(workload.RealTimestamps),
                    DropFailed = parse.GetValue(dropFailed),
                    Predictor = parse.GetValue(workload.Predictor)!,
                    PredictorSigma = parse.GetValue(sigma),
                    Seed = parse.GetValue(workload.Seed),
                },
                Simulation = new SimulationConfig
                {
                    Gpus = parse.GetValue(gpus),
                    Scheduler = algorithms.Apply(parse, new SchedulerOptions
                    {
                        Scheduler = SchedulerNames.Parse(parse.GetValue(scheduler)!),
                        K = parse.GetValue(k),
                        BinPolicy = BinSelectionPolicyNames.Parse(parse.GetValue(binPolicy)!),
                        DSla = parse.GetValue(workload.DSla),
                        SlaEpsilon = parse.GetValue(epsilon),
                        BMin = parse.GetValue(bMin),
                        BMax = parse.GetValue(bMax),
                        CandidatePool = parse.GetValue(pool),
                        StaticBatchSize = parse.GetValue(staticBatch),
                        FixedBatchSize = parse.GetValue(fixedBatch),
                        Memory = new GpuMemoryModel(parse.GetValue(gpuMemory), parse.GetValue(modelMemory), parse.GetValue(kvPerToken), parse.GetValue(margin)),
                    }),
                },
            };

            spec = spec with { Simulation = continuous.Apply(parse, spec.Simulation) };
            var outcome = SingleRun.Execute(spec);
            foreach (var warning in outcome.Workload.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            if (parse.GetValue(json))
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
