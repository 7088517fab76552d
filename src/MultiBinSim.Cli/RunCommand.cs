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
        var dataset = new Option<string>("--dataset") { Description = "'synthetic' (the embedded default trace) or a BurstGPT-format CSV path.", DefaultValueFactory = _ => Datasets.Synthetic };
        var rps = new Option<double>("--rps-scaling") { Description = "Arrival = (timestamp - first) / X: X compresses time, i.e. multiplies the request rate.", DefaultValueFactory = _ => WorkloadOptions.DefaultRpsScaling };
        var realTimestamps = new Option<bool>("--real-timestamps") { Description = "Use the trace's timestamps unscaled (overrides --rps-scaling)." };
        var dSla = new Option<double>("--d-sla") { Description = "SLA deadline in seconds (deadline = arrival + D_SLA).", DefaultValueFactory = _ => 1.0 };
        var predictor = new Option<string>("--predictor") { Description = $"Output-length predictor: {string.Join(", ", Predictors.Names)}.", DefaultValueFactory = _ => Predictors.Default };
        var sigma = new Option<double>("--predictor-sigma") { Description = "Noise sigma of the noisy-oracle predictor.", DefaultValueFactory = _ => 0.25 };
        var binPolicy = new Option<string>("--bin-policy") { Description = "Bin selection: round-robin or longest-queue.", DefaultValueFactory = _ => "round-robin" };
        var calibration = new Option<string?>("--calibration") { Description = "Calibration grid CSV (batch_size,max_seq_len,mean_latency_sec); default: the shipped Qwen3-1.7B / RTX 4080 grid." };
        var seed = new Option<int>("--seed") { Description = "Seed of the predictor's noise.", DefaultValueFactory = _ => 42 };
        var dropFailed = new Option<bool>("--drop-failed") { Description = "Drop failed rows (0 response tokens) before taking N." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var format = new Option<string>("--format") { Description = $"Trace format: {string.Join(", ", TraceReaders.Names)} (auto = by extension and header).", DefaultValueFactory = _ => "auto" };
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
            scheduler, gpus, k, requests, dataset, rps, realTimestamps, dSla, predictor, sigma, binPolicy, calibration, seed, dropFailed, json, format,
            bMin, bMax, pool, staticBatch, fixedBatch, epsilon, gpuMemory, modelMemory, kvPerToken, margin,
        };

        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var spec = new RunSpec
            {
                Dataset = parse.GetValue(dataset)!,
                CalibrationPath = parse.GetValue(calibration),
                Format = TraceReaders.Parse(parse.GetValue(format)!),
                Workload = new WorkloadOptions
                {
                    Requests = parse.GetValue(requests),
                    RpsScaling = parse.GetValue(rps),
                    RealTimestamps = parse.GetValue(realTimestamps),
                    DropFailed = parse.GetValue(dropFailed),
                    Predictor = parse.GetValue(predictor)!,
                    PredictorSigma = parse.GetValue(sigma),
                    Seed = parse.GetValue(seed),
                },
                Simulation = new SimulationConfig
                {
                    Gpus = parse.GetValue(gpus),
                    Scheduler = new SchedulerOptions
                    {
                        Scheduler = SchedulerNames.Parse(parse.GetValue(scheduler)!),
                        K = parse.GetValue(k),
                        BinPolicy = BinSelectionPolicyNames.Parse(parse.GetValue(binPolicy)!),
                        DSla = parse.GetValue(dSla),
                        SlaEpsilon = parse.GetValue(epsilon),
                        BMin = parse.GetValue(bMin),
                        BMax = parse.GetValue(bMax),
                        CandidatePool = parse.GetValue(pool),
                        StaticBatchSize = parse.GetValue(staticBatch),
                        FixedBatchSize = parse.GetValue(fixedBatch),
                        Memory = new GpuMemoryModel(parse.GetValue(gpuMemory), parse.GetValue(modelMemory), parse.GetValue(kvPerToken), parse.GetValue(margin)),
                    },
                },
            };

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
