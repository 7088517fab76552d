using System.CommandLine;
using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Cli;

/// <summary>
/// Prefill/decode disaggregation on the continuous engine (README, "Prefill/decode disaggregation"):
/// <c>--prefill-replicas P --decode-replicas D</c> and the pools' own options, which need both.
/// </summary>
internal sealed class DisaggregationOptionSet
{
    private static readonly DisaggregationOptions Defaults = new();

    /// <summary>Library property name (under <c>Continuous.</c>) to flag, for error messages.</summary>
    public static IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>
    {
        ["Disaggregation." + nameof(DisaggregationOptions.PrefillReplicas)] = "--prefill-replicas",
        ["Disaggregation." + nameof(DisaggregationOptions.DecodeReplicas)] = "--decode-replicas",
        ["Disaggregation." + nameof(DisaggregationOptions.KvTransferLatency)] = "--kv-transfer-latency",
        ["Disaggregation." + nameof(DisaggregationOptions.KvTransferGbps)] = "--kv-transfer-gbps",
        ["Disaggregation." + nameof(DisaggregationOptions.DecodeRouting)] = "--decode-routing",
        ["Disaggregation." + nameof(DisaggregationOptions.DecodeAdmission)] = "--decode-admission",
        ["Disaggregation." + nameof(DisaggregationOptions.DecodeMaxNumSeqs)] = "--decode-max-num-seqs",
        ["Disaggregation." + nameof(DisaggregationOptions.PrefillStepModel)] = "--prefill-step-model",
        ["Disaggregation." + nameof(DisaggregationOptions.DecodeStepModel)] = "--decode-step-model",
        ["Disaggregation." + nameof(DisaggregationOptions.PrefillKvBlocks)] = "--prefill-kv-blocks",
        ["Disaggregation." + nameof(DisaggregationOptions.DecodeKvBlocks)] = "--decode-kv-blocks",
    };

    public Option<int?> PrefillReplicas { get; } = new("--prefill-replicas") { Description = "Disaggregation: replicas that only prefill (with --decode-replicas; --gpus omitted or equal to P + D)." };

    public Option<int?> DecodeReplicas { get; } = new("--decode-replicas") { Description = "Disaggregation: replicas that only decode (with --prefill-replicas)." };

    public Option<double> KvTransferLatency { get; } = new("--kv-transfer-latency") { Description = "Disaggregation: fixed cost of one KV transfer, seconds.", DefaultValueFactory = _ => Defaults.KvTransferLatency };

    public Option<double> KvTransferGbps { get; } = new("--kv-transfer-gbps") { Description = "Disaggregation: bandwidth of each prefill replica's link, GB/s (transfers of one replica are serialised).", DefaultValueFactory = _ => Defaults.KvTransferGbps };

    public Option<string> DecodeRouting { get; } = new("--decode-routing") { Description = $"Disaggregation: decode replica routing, {string.Join(", ", ReplicaRouters.Names)}.", DefaultValueFactory = _ => Defaults.DecodeRouting.Name };

    public Option<string> DecodeAdmission { get; } = new("--decode-admission") { Description = $"Disaggregation: decode replicas' admission order, {string.Join(", ", AdmissionOrders.Names)} (multi-bin: --k bins by predicted output length, one bin per round).", DefaultValueFactory = _ => Defaults.DecodeAdmission.Name };

    public Option<int?> DecodeMaxNumSeqs { get; } = new("--decode-max-num-seqs") { Description = "Disaggregation: most sequences decoding per decode replica (default: --max-num-seqs)." };

    public Option<string?> PrefillStepModel { get; } = new("--prefill-step-model") { Description = "Disaggregation: iteration time on prefill replicas (default: --step-model)." };

    public Option<string?> DecodeStepModel { get; } = new("--decode-step-model") { Description = "Disaggregation: iteration time on decode replicas (default: --step-model)." };

    public Option<long?> PrefillKvBlocks { get; } = new("--prefill-kv-blocks") { Description = "Disaggregation: KV blocks per prefill replica (default: the run's KV blocks)." };

    public Option<long?> DecodeKvBlocks { get; } = new("--decode-kv-blocks") { Description = "Disaggregation: KV blocks per decode replica (default: the run's KV blocks)." };

    private Option[] PoolOptions => [KvTransferLatency, KvTransferGbps, DecodeRouting, DecodeAdmission, DecodeMaxNumSeqs, PrefillStepModel, DecodeStepModel, PrefillKvBlocks, DecodeKvBlocks];

    /// <summary>
    /// Adds the set's options to <paramref name="command"/>; <paramref name="continuous"/>'s bin options then also apply
    /// with <c>--decode-admission multi-bin</c>.
    /// </summary>
    public static DisaggregationOptionSet AddTo(Command command, ContinuousOptionSet continuous)
    {
        ArgumentNullException.ThrowIfNull(continuous);
        var set = new DisaggregationOptionSet();
        continuous.DecodeMultiBin = parse => set.Disaggregated(parse) && AdmissionOrders.TryParse(parse.GetValue(set.DecodeAdmission)!) == ContinuousAdmission.MultiBin;
        command.Options.Add(set.PrefillReplicas);
        command.Options.Add(set.DecodeReplicas);
        foreach (var option in set.PoolOptions)
        {
            command.Options.Add(option);
        }

        return set;
    }

    /// <summary>The pool sizes belong to the continuous engine; the pools' other options also need them.</summary>
    public OptionScopes Declare(OptionScopes scopes) => scopes
        .Add(OptionScopes.Continuous, PrefillReplicas, DecodeReplicas)
        .Add(OptionScopes.Requires(OptionScopes.Continuous, Disaggregated, "applies only to disaggregated runs (--prefill-replicas and --decode-replicas)"), PoolOptions);

    private bool Disaggregated(ParseResult parse) => parse.GetValue(PrefillReplicas) is not null || parse.GetValue(DecodeReplicas) is not null;

    /// <summary>
    /// <paramref name="config"/> with the pools applied (unchanged without them). <paramref name="gpus"/> is the command's
    /// GPU option: when it was not given, the run's GPU count becomes P + D; when it was, the library checks it equals P + D.
    /// </summary>
    public SimulationConfig Apply(ParseResult parse, SimulationConfig config, Option<int> gpus)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(config);
        if (!Disaggregated(parse))
        {
            return config;
        }

        var errors = new ValidationErrors();
        int? p = parse.GetValue(PrefillReplicas), d = parse.GetValue(DecodeReplicas);
        errors.Require(p is not null, "Continuous.Disaggregation.PrefillReplicas", "is needed with --decode-replicas");
        errors.Require(d is not null, "Continuous.Disaggregation.DecodeReplicas", "is needed with --prefill-replicas");
        var routing = ReplicaRouters.TryParse(parse.GetValue(DecodeRouting)!);
        errors.Require(routing is not null, "Continuous.Disaggregation.DecodeRouting", $"unknown routing '{parse.GetValue(DecodeRouting)}'; known: {string.Join(", ", ReplicaRouters.Names)}");
        var admission = AdmissionOrders.TryParse(parse.GetValue(DecodeAdmission)!);
        errors.Require(admission is not null, "Continuous.Disaggregation.DecodeAdmission", $"unknown admission '{parse.GetValue(DecodeAdmission)}'; known: {string.Join(", ", AdmissionOrders.Names)}");
        StepTimeModel? Model(Option<string?> option, string property)
        {
            if (parse.GetValue(option) is not { } text)
            {
                return null;
            }

            try
            {
                return StepTimeModels.Parse(text, Environment.CurrentDirectory).Model;
            }
            catch (ConfigurationException e)
            {
                errors.Add("Continuous.Disaggregation." + property, e.Errors[0].Message);
                return null;
            }
        }

        var prefillModel = Model(PrefillStepModel, nameof(DisaggregationOptions.PrefillStepModel));
        var decodeModel = Model(DecodeStepModel, nameof(DisaggregationOptions.DecodeStepModel));
        errors.ThrowIfAny();
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = p!.Value,
            DecodeReplicas = d!.Value,
            KvTransferLatency = parse.GetValue(KvTransferLatency),
            KvTransferGbps = parse.GetValue(KvTransferGbps),
            DecodeRouting = routing!,
            DecodeAdmission = admission!,
            DecodeMaxNumSeqs = parse.GetValue(DecodeMaxNumSeqs),
            PrefillStepModel = prefillModel,
            DecodeStepModel = decodeModel,
            PrefillKvBlocks = parse.GetValue(PrefillKvBlocks),
            DecodeKvBlocks = parse.GetValue(DecodeKvBlocks),
        };
        bool gpusGiven = parse.GetResult(gpus) is { Implicit: false };
        return config with
        {
            Gpus = gpusGiven ? config.Gpus : pools.Replicas,
            Continuous = config.Continuous with { Disaggregation = pools },
        };
    }
}
