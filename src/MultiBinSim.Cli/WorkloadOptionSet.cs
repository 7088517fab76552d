using System.CommandLine;
using MultiBinSim.Workloads;

namespace MultiBinSim.Cli;

/// <summary>The options that say which trace to read and how (<see cref="WorkloadOptions"/>), shared by every command that simulates.</summary>
internal sealed class WorkloadOptionSet
{
    private static readonly WorkloadOptions Defaults = new();

    public Option<string> Dataset { get; } =
        new Option<string>("--dataset")
        {
            Description = "'synthetic' (the embedded default trace) or a trace file (BurstGPT, Azure or Mooncake).",
            DefaultValueFactory = _ => Datasets.Synthetic,
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.Dataset));

    public Option<string> Format { get; } =
        new Option<string>("--format")
        {
            Description = $"Trace format: {string.Join(", ", TraceReaders.Names)} (auto = by extension and header).",
            DefaultValueFactory = _ => "auto",
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.Format));

    public Option<double> RpsScaling { get; } =
        new Option<double>("--rps-scaling")
        {
            Description = "Arrival = (timestamp - first) / X: X compresses time, i.e. multiplies the request rate.",
            DefaultValueFactory = _ => WorkloadOptions.DefaultRpsScaling,
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.RpsScaling));

    public Option<bool> RealTimestamps { get; } =
        new Option<bool>("--real-timestamps") { Description = "Use the trace's timestamps unscaled (overrides --rps-scaling)." }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.RealTimestamps));

    public Option<bool> DropFailed { get; } =
        new Option<bool>("--drop-failed") { Description = "Drop failed rows (0 response tokens) before taking N." }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.DropFailed));

    public Option<string> Predictor { get; } =
        new Option<string>("--predictor")
        {
            Description = $"Output-length predictor: {string.Join(", ", Predictors.Names)}.",
            DefaultValueFactory = _ => Predictors.Default,
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.Predictor));

    public Option<double> PredictorSigma { get; } =
        new Option<double>("--predictor-sigma")
        {
            Description = "Noise sigma of the noisy-oracle predictor.",
            DefaultValueFactory = _ => Defaults.PredictorSigma,
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.PredictorSigma));

    public Option<int> Seed { get; } =
        new Option<int>("--seed") { Description = "Seed of the predictor's noise.", DefaultValueFactory = _ => Defaults.Seed }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.Seed));

    public Option<double?> PrefixShare { get; } =
        new Option<double?>("--prefix-share")
        {
            Description =
                "Shared-prefix model for prefix caching: each request shares this fraction of its prompt with its group (0 to 1; default: off, a trace's hash_ids are used).",
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.PrefixShare));

    public Option<int?> PrefixGroups { get; } =
        new Option<int?>("--prefix-groups")
        {
            Description = $"Shared-prefix model: number of groups, each request in one drawn with --seed (default {WorkloadOptions.DefaultPrefixGroups}).",
        }
            .In(ConfigSection.Workload)
            .Binds(nameof(WorkloadOptions.PrefixGroups));

    public Option<string?> Calibration { get; } =
        new Option<string?>("--calibration")
        {
            Description = "Calibration grid CSV (batch_size,max_seq_len,mean_latency_sec); default: the shipped Qwen3-1.7B / RTX 4080 grid.",
        }
            .In(ConfigSection.Scheduler)
            .Binds("CalibrationPath")
            .Binds("Latency");

    /// <param name="command">The command to add the options to.</param>
    /// <param name="arrivalScaling">Whether the command takes --rps-scaling / --real-timestamps (a capacity search sets them itself).</param>
    public void AddTo(Command command, bool arrivalScaling = true)
    {
        foreach (
            Option option in new Option[]
            {
                Dataset,
                Format,
                RpsScaling,
                RealTimestamps,
                DropFailed,
                Predictor,
                PredictorSigma,
                Seed,
                PrefixShare,
                PrefixGroups,
                Calibration,
            }
        )
        {
            if (arrivalScaling || (option != RpsScaling && option != RealTimestamps))
            {
                command.Options.Add(option);
            }
        }
    }

    /// <summary>
    /// Declares the trace options shared by both engines, the calibration grid (the batch latency model) the batch
    /// engine's, and the shared-prefix model effective only where prefix caching runs (<paramref name="continuous"/>).
    /// </summary>
    public OptionScopes Declare(OptionScopes scopes, ContinuousOptionSet continuous) =>
        scopes
            .Add(OptionScopes.Both, Dataset, Format, RpsScaling, RealTimestamps, DropFailed, Predictor, PredictorSigma, Seed)
            .Add(OptionScopes.Batch, Calibration)
            .Add(
                OptionScopes.Requires(
                    OptionScopes.Continuous,
                    continuous.PrefixCachingOn,
                    $"has an effect only with prefix caching ({ContinuousOptionSet.PrefixCachingPolicies})"
                ),
                PrefixShare,
                PrefixGroups
            );

    private static bool Has(ParseResult parse, Option option) => parse.CommandResult.Command.Options.Contains(option);

    /// <summary>The workload the command line describes, with <paramref name="requests"/> rows.</summary>
    public WorkloadOptions Read(ParseResult parse, int? requests) =>
        new()
        {
            Dataset = parse.GetValue(Dataset)!,
            Format = TraceReaders.Parse(parse.GetValue(Format)!),
            Requests = requests,
            RpsScaling = Has(parse, RpsScaling) ? parse.GetValue(RpsScaling) : Defaults.RpsScaling,
            RealTimestamps = Has(parse, RealTimestamps) && parse.GetValue(RealTimestamps),
            DropFailed = parse.GetValue(DropFailed),
            Predictor = parse.GetValue(Predictor)!,
            PredictorSigma = parse.GetValue(PredictorSigma),
            Seed = parse.GetValue(Seed),
            PrefixShare = parse.GetValue(PrefixShare),
            PrefixGroups = parse.GetValue(PrefixGroups),
        };
}
