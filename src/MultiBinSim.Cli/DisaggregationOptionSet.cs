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

    public Option<int?> PrefillReplicas { get; } =
        new Option<int?>("--prefill-replicas")
        {
            Description = "Disaggregation: replicas that only prefill (with --decode-replicas; --gpus omitted or equal to P + D).",
        }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.PrefillReplicas));

    public Option<int?> DecodeReplicas { get; } =
        new Option<int?>("--decode-replicas") { Description = "Disaggregation: replicas that only decode (with --prefill-replicas)." }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.DecodeReplicas));

    public Option<double> KvTransferLatency { get; } =
        new Option<double>("--kv-transfer-latency")
        {
            Description = "Disaggregation: fixed cost of one KV transfer, seconds.",
            DefaultValueFactory = _ => Defaults.KvTransferLatency,
        }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.KvTransferLatency));

    public Option<double> KvTransferGbps { get; } =
        new Option<double>("--kv-transfer-gbps")
        {
            Description = "Disaggregation: bandwidth of each prefill replica's link, GB/s (transfers of one replica are serialised).",
            DefaultValueFactory = _ => Defaults.KvTransferGbps,
        }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.KvTransferGbps));

    public Option<string> DecodeRouting { get; } =
        new Option<string>("--decode-routing")
        {
            Description = $"Disaggregation: decode replica routing, {string.Join(", ", ReplicaRouters.Names)}.",
            DefaultValueFactory = _ => Defaults.DecodeRouting.Name,
        }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.DecodeRouting));

    public Option<string> DecodeAdmission { get; } =
        new Option<string>("--decode-admission")
        {
            Description =
                $"Disaggregation: decode replicas' admission order, {string.Join(", ", AdmissionOrders.Names)} (multi-bin: --k bins by predicted output length, one bin per round).",
            DefaultValueFactory = _ => Defaults.DecodeAdmission.Name,
        }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.DecodeAdmission));

    public Option<int?> DecodeMaxNumSeqs { get; } =
        new Option<int?>("--decode-max-num-seqs") { Description = "Disaggregation: most sequences decoding per decode replica (default: --max-num-seqs)." }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.DecodeMaxNumSeqs));

    public Option<string?> PrefillStepModel { get; } =
        new Option<string?>("--prefill-step-model") { Description = "Disaggregation: iteration time on prefill replicas (default: --step-model)." }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.PrefillStepModel));

    public Option<string?> DecodeStepModel { get; } =
        new Option<string?>("--decode-step-model") { Description = "Disaggregation: iteration time on decode replicas (default: --step-model)." }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.DecodeStepModel));

    public Option<long?> PrefillKvBlocks { get; } =
        new Option<long?>("--prefill-kv-blocks") { Description = "Disaggregation: KV blocks per prefill replica (default: the run's KV blocks)." }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.PrefillKvBlocks));

    public Option<long?> DecodeKvBlocks { get; } =
        new Option<long?>("--decode-kv-blocks") { Description = "Disaggregation: KV blocks per decode replica (default: the run's KV blocks)." }
            .In(ConfigSection.Disaggregation)
            .Binds("Disaggregation." + nameof(DisaggregationOptions.DecodeKvBlocks));

    private Option[] PoolOptions =>
        [
            KvTransferLatency,
            KvTransferGbps,
            DecodeRouting,
            DecodeAdmission,
            DecodeMaxNumSeqs,
            PrefillStepModel,
            DecodeStepModel,
            PrefillKvBlocks,
            DecodeKvBlocks,
        ];

    /// <summary>
    /// Adds the set's options to <paramref name="command"/>; <paramref name="continuous"/>'s bin options then also apply
    /// with <c>--decode-admission multi-bin</c>, and <paramref name="scheduler"/>'s <c>--kv-per-token</c>, when given,
    /// sets the bytes a transfer moves over a roofline model's. Without <paramref name="sizes"/> (<c>sweep pd-ratio</c>, which sets P and
    /// D itself) the pool sizes are not options and the pools' other options always apply.
    /// </summary>
    public static DisaggregationOptionSet AddTo(Command command, ContinuousOptionSet continuous, SchedulerOptionSet scheduler, bool sizes = true)
    {
        ArgumentNullException.ThrowIfNull(continuous);
        ArgumentNullException.ThrowIfNull(scheduler);
        var set = new DisaggregationOptionSet
        {
            _sizes = sizes,
            _continuous = continuous,
            _kvPerToken = scheduler.KvPerToken,
        };
        continuous.Disaggregated = set.Disaggregated;
        scheduler.KvPerToken.StaysImplicitWhen(set.Disaggregated, "given, it sets the bytes of a KV transfer over a roofline step model's");
        continuous.DecodeMultiBin = parse =>
            set.Disaggregated(parse) && AdmissionOrders.TryParse(parse.GetValue(set.DecodeAdmission)!) == ContinuousAdmission.MultiBin;
        if (sizes)
        {
            command.Options.Add(set.PrefillReplicas);
            command.Options.Add(set.DecodeReplicas);
        }

        foreach (var option in set.PoolOptions)
        {
            command.Options.Add(option);
        }

        return set;
    }

    /// <summary>Why a command's GPU count stays unset in a printed configuration of a disaggregated run (<see cref="ImplicitDefaults"/>).</summary>
    public const string GpusFromPools = "a disaggregated run has --prefill-replicas + --decode-replicas GPUs";

    private bool _sizes;
    private ContinuousOptionSet? _continuous;
    private Option<double>? _kvPerToken;

    /// <summary>The pool sizes belong to the continuous engine; the pools' other options also need them (unless the command sets the sizes).</summary>
    public OptionScopes Declare(OptionScopes scopes) =>
        _sizes
            ? scopes
                .Add(OptionScopes.Continuous, PrefillReplicas, DecodeReplicas)
                .Add(
                    OptionScopes.Requires(
                        OptionScopes.Continuous,
                        Disaggregated,
                        "applies only to disaggregated runs (--prefill-replicas and --decode-replicas)"
                    ),
                    PoolOptions
                )
            : scopes.Add(OptionScopes.Continuous, PoolOptions);

    private bool Disaggregated(ParseResult parse) => !_sizes || parse.GetValue(PrefillReplicas) is not null || parse.GetValue(DecodeReplicas) is not null;

    /// <summary>
    /// <paramref name="config"/> with the pools applied (unchanged without them). <paramref name="gpus"/> is the command's
    /// GPU option: when it was not given, the run's GPU count becomes P + D; when it was, the library checks it equals P + D.
    /// </summary>
    public SimulationConfig Apply(ParseResult parse, SimulationConfig config, Option<int> gpus) =>
        Apply(parse, config, parse.GetResult(gpus) is { Implicit: false });

    /// <summary>
    /// <paramref name="config"/> with the pools applied (unchanged without them); unless <paramref name="gpusGiven"/>,
    /// the run's GPU count becomes P + D.
    /// </summary>
    public SimulationConfig Apply(ParseResult parse, SimulationConfig config, bool gpusGiven)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(config);
        if (!Disaggregated(parse))
        {
            return config;
        }

        int? p = parse.GetValue(PrefillReplicas),
            d = parse.GetValue(DecodeReplicas);
        var read = Read(parse, errors =>
        {
            errors.Require(p is not null, "Continuous.Disaggregation.PrefillReplicas", "is needed with --decode-replicas");
            errors.Require(d is not null, "Continuous.Disaggregation.DecodeReplicas", "is needed with --prefill-replicas");
        });
        var pools = read with { PrefillReplicas = p ?? 1, DecodeReplicas = d ?? 1 };
        return config with { Gpus = gpusGiven ? config.Gpus : pools.Replicas, Continuous = config.Continuous with { Disaggregation = pools } };
    }

    /// <summary>The pools' options other than their sizes (P = D = 1), for a command that sets the sizes itself.</summary>
    public DisaggregationOptions Template(ParseResult parse) => Read(parse, _ => { });

    private DisaggregationOptions Read(ParseResult parse, Action<ValidationErrors> check)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var errors = new ValidationErrors();
        check(errors);
        var routing = ReplicaRouters.TryParse(parse.GetValue(DecodeRouting)!);
        errors.Require(
            routing is not null,
            "Continuous.Disaggregation.DecodeRouting",
            $"unknown routing '{parse.GetValue(DecodeRouting)}'; known: {string.Join(", ", ReplicaRouters.Names)}"
        );
        var admission = AdmissionOrders.TryParse(parse.GetValue(DecodeAdmission)!);
        errors.Require(
            admission is not null,
            "Continuous.Disaggregation.DecodeAdmission",
            $"unknown admission '{parse.GetValue(DecodeAdmission)}'; known: {string.Join(", ", AdmissionOrders.Names)}"
        );
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
        return new DisaggregationOptions
        {
            KvTransferLatency = parse.GetValue(KvTransferLatency),
            KvTransferGbps = parse.GetValue(KvTransferGbps),
            DecodeRouting = routing!,
            DecodeAdmission = admission!,
            DecodeMaxNumSeqs = parse.GetValue(DecodeMaxNumSeqs),
            PrefillStepModel = prefillModel,
            DecodeStepModel = decodeModel,
            PrefillKvBlocks = parse.GetValue(PrefillKvBlocks),
            DecodeKvBlocks = parse.GetValue(DecodeKvBlocks),
            // A roofline step model knows its model's KV bytes per token: a transfer moves those.
            KvGbPerToken =
                parse.GetResult(_kvPerToken!) is not { Implicit: false } && _continuous?.PresetMemory is { } memory ? memory.KvBytesPerToken / 1e9 : null,
        };
    }
}
