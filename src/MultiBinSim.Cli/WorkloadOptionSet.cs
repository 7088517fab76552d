using System.CommandLine;
using MultiBinSim.Workloads;

namespace MultiBinSim.Cli;

/// <summary>The options that say which trace to read and how, shared by <c>mbsim run</c> and <c>mbsim suite</c>.</summary>
internal sealed class WorkloadOptionSet
{
    public Option<string> Dataset { get; } = new("--dataset") { Description = "'synthetic' (the embedded default trace) or a trace file (BurstGPT, Azure or Mooncake).", DefaultValueFactory = _ => Datasets.Synthetic };

    public Option<string> Format { get; } = new("--format") { Description = $"Trace format: {string.Join(", ", TraceReaders.Names)} (auto = by extension and header).", DefaultValueFactory = _ => "auto" };

    public Option<double> RpsScaling { get; } = new("--rps-scaling") { Description = "Arrival = (timestamp - first) / X: X compresses time, i.e. multiplies the request rate.", DefaultValueFactory = _ => WorkloadOptions.DefaultRpsScaling };

    public Option<bool> RealTimestamps { get; } = new("--real-timestamps") { Description = "Use the trace's timestamps unscaled (overrides --rps-scaling)." };

    public Option<double> DSla { get; } = new("--d-sla") { Description = "SLA deadline in seconds (deadline = arrival + D_SLA).", DefaultValueFactory = _ => 1.0 };

    public Option<string> Predictor { get; } = new("--predictor") { Description = $"Output-length predictor: {string.Join(", ", Predictors.Names)}.", DefaultValueFactory = _ => Predictors.Default };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the predictor's noise.", DefaultValueFactory = _ => 42 };

    public Option<string?> Calibration { get; } = new("--calibration") { Description = "Calibration grid CSV (batch_size,max_seq_len,mean_latency_sec); default: the shipped Qwen3-1.7B / RTX 4080 grid." };

    /// <param name="arrivalScaling">Whether the command takes --rps-scaling / --real-timestamps (a capacity search sets them itself).</param>
    public void AddTo(Command command, bool arrivalScaling = true)
    {
        foreach (Option option in new Option[] { Dataset, Format, RpsScaling, RealTimestamps, DSla, Predictor, Seed, Calibration })
        {
            if (arrivalScaling || (option != RpsScaling && option != RealTimestamps))
            {
                command.Options.Add(option);
            }
        }
    }
}
