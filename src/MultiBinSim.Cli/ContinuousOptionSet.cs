using System.CommandLine;
using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Cli;

/// <summary>The engine choice and the continuous-batching engine's options of <c>mbsim run</c> (README, "Continuous-batching engine").</summary>
internal sealed class ContinuousOptionSet
{
    private static readonly ContinuousOptions Defaults = new();

    public Option<string> Engine { get; } =
        new Option<string>("--engine")
        {
            Description = $"Simulation engine: {string.Join(", ", SimulationEngines.Names)}.",
            DefaultValueFactory = _ => SimulationEngines.Default,
        }
            .In(ConfigSection.Engine)
            .Binds("Engine");

    public Option<string> Policy { get; } =
        new Option<string>("--policy")
        {
            Description = $"Continuous engine: iteration policy, {string.Join(", ", ContinuousPolicies.Names)}.",
            DefaultValueFactory = _ => Defaults.Policy.Name,
        }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.Policy));

    public Option<string> StepModel { get; } =
        new Option<string>("--step-model")
        {
            Description = $"Continuous engine: iteration time, one of {StepTimeModels.KnownPresets}.",
            DefaultValueFactory = _ => "pang",
        }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.StepModel));

    public Option<long?> KvBlocks { get; } =
        new Option<long?>("--kv-blocks")
        {
            Description = "Continuous engine: KV blocks per replica (default: from the roofline preset's GPU and model, else from the memory options).",
        }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.KvBlocks));

    public Option<int> MaxNumSeqs { get; } =
        new Option<int>("--max-num-seqs")
        {
            Description = "Continuous engine: most sequences running per replica.",
            DefaultValueFactory = _ => Defaults.MaxNumSeqs,
        }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.MaxNumSeqs));

    public Option<int?> MaxBatchedTokens { get; } =
        new Option<int?>("--max-batched-tokens")
        {
            Description =
                $"Continuous engine: vllm, orca, static: most prompt tokens per iteration (default: no limit); vllm-v1: the iteration's token budget, decodes and prefill chunks together (default {VllmV1Options.DefaultTokenBudget}).",
        }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.MaxBatchedTokens));

    public Option<string?> PrefixCaching { get; } =
        new Option<string?>("--prefix-caching") { Description = $"Continuous engine: automatic prefix caching, on or off ({PrefixCachingPolicies})." }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.PrefixCaching));

    public Option<int> ChunkSize { get; } =
        new Option<int>("--chunk-size")
        {
            Description = "Continuous engine (sarathi): token budget of an iteration.",
            DefaultValueFactory = _ => Defaults.ChunkSize,
        }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.ChunkSize));

    public Option<int> BlockSize { get; } =
        new Option<int>("--block-size") { Description = "Continuous engine: tokens per KV block.", DefaultValueFactory = _ => Defaults.BlockSize }
            .In(ConfigSection.Policy)
            .Binds(nameof(ContinuousOptions.BlockSize));

    public Option<string> Routing { get; } =
        new Option<string>("--routing")
        {
            Description = $"Continuous engine: replica routing, {string.Join(", ", ReplicaRouters.Names)}.",
            DefaultValueFactory = _ => Defaults.Routing.Name,
        }
            .In(ConfigSection.Routing)
            .Binds(nameof(ContinuousOptions.Routing));

    public Option<string> Admission { get; } =
        new Option<string>("--admission")
        {
            Description =
                $"Continuous engine: admission order, {string.Join(", ", AdmissionOrders.Names)} (multi-bin: --k bins by predicted output length, one bin per admission round, chosen by --bin-policy).",
            DefaultValueFactory = _ => Defaults.Admission.Name,
        }
            .In(ConfigSection.Routing)
            .Binds(nameof(ContinuousOptions.Admission));

    public Option<double> SloTtft { get; } =
        new Option<double>("--slo-ttft")
        {
            Description = "Continuous engine: SLO on time to first token, seconds.",
            DefaultValueFactory = _ => Defaults.SloTtft,
        }
            .In(ConfigSection.Slos)
            .Binds(nameof(ContinuousOptions.SloTtft));

    public Option<double> SloTpot { get; } =
        new Option<double>("--slo-tpot")
        {
            Description = "Continuous engine: SLO on time per output token, seconds.",
            DefaultValueFactory = _ => Defaults.SloTpot,
        }
            .In(ConfigSection.Slos)
            .Binds(nameof(ContinuousOptions.SloTpot));

    // --- Dynamic batching (arXiv 2503.05248) ---
    private static readonly DynamicBatchingOptions DynamicDefaults = new();

    public Option<string> Batching { get; } =
        new Option<string>("--batching")
        {
            Description =
                $"Continuous engine: {string.Join(", ", EnumNames.All<BatchingMode>())} (dynamic: max-num-seqs = min(b_mem, b_SLA) per replica, D_SLA = --slo-tpot; with disaggregation, per decode replica).",
            DefaultValueFactory = _ => EnumNames.Name(new ContinuousOptions().Batching),
        }
            .In(ConfigSection.Batching)
            .Binds(nameof(ContinuousOptions.Batching));

    public Option<double> MemoryEpsilon { get; } =
        new Option<double>("--batch-memory-epsilon")
        {
            Description = "Dynamic batching: allowed probability that the batch's tokens exceed the KV cache (epsilon_M).",
            DefaultValueFactory = _ => DynamicDefaults.MemoryEpsilon,
        }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.MemoryEpsilon));

    public Option<double> SlaEpsilon { get; } =
        new Option<double>("--batch-sla-epsilon")
        {
            Description = "Dynamic batching: band around D_SLA, seconds (epsilon_D).",
            DefaultValueFactory = _ => DynamicDefaults.SlaEpsilon,
        }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.SlaEpsilon));

    public Option<int> BatchAlpha { get; } =
        new Option<int>("--batch-alpha") { Description = "Dynamic batching: alpha of Algorithm 2.", DefaultValueFactory = _ => DynamicDefaults.Alpha }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.Alpha));

    public Option<int> BatchDelta { get; } =
        new Option<int>("--batch-delta") { Description = "Dynamic batching: delta of Algorithm 2.", DefaultValueFactory = _ => DynamicDefaults.Delta }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.Delta));

    public Option<int> BatchMin { get; } =
        new Option<int>("--batch-min") { Description = "Dynamic batching: B_min.", DefaultValueFactory = _ => DynamicDefaults.MinBatch }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.MinBatch));

    public Option<int?> BatchMax { get; } =
        new Option<int?>("--batch-max") { Description = "Dynamic batching: B_max (default: --max-num-seqs)." }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.MaxBatch));

    public Option<string> SlaSearch { get; } =
        new Option<string>("--batch-sla-search")
        {
            Description =
                $"Dynamic batching: Algorithm 2 as published or guarded against overshooting D_SLA, {string.Join(", ", EnumNames.All<SlaSearchMode>())}.",
            DefaultValueFactory = _ => EnumNames.Name(new DynamicBatchingOptions().SlaSearch),
        }
            .In(ConfigSection.Batching)
            .Binds("Dynamic." + nameof(DynamicBatchingOptions.SlaSearch));

    private Option[] DynamicOptions => [Batching, MemoryEpsilon, SlaEpsilon, BatchAlpha, BatchDelta, BatchMin, BatchMax, SlaSearch];

    private ContinuousOptions ApplyDynamic(ParseResult parse, ContinuousOptions options, ValidationErrors errors)
    {
        var mode = EnumNames.TryParse<BatchingMode>(parse.GetValue(Batching)!);
        errors.Require(
            mode is not null,
            "Continuous.Batching",
            $"unknown batching '{parse.GetValue(Batching)}'; known: {string.Join(", ", EnumNames.All<BatchingMode>())}"
        );
        var search = EnumNames.TryParse<SlaSearchMode>(parse.GetValue(SlaSearch)!);
        errors.Require(
            search is not null,
            "Continuous.Dynamic.SlaSearch",
            $"unknown SLA search '{parse.GetValue(SlaSearch)}'; known: {string.Join(", ", EnumNames.All<SlaSearchMode>())}"
        );
        return options with
        {
            Batching = mode ?? BatchingMode.Fixed,
            Dynamic = new DynamicBatchingOptions
            {
                MemoryEpsilon = parse.GetValue(MemoryEpsilon),
                SlaEpsilon = parse.GetValue(SlaEpsilon),
                Alpha = parse.GetValue(BatchAlpha),
                Delta = parse.GetValue(BatchDelta),
                MinBatch = parse.GetValue(BatchMin),
                MaxBatch = parse.GetValue(BatchMax),
                SlaSearch = search ?? SlaSearchMode.Paper,
            },
        };
    }

    // --- end dynamic batching ---

    /// <summary>Creates the set and adds its options to <paramref name="command"/>.</summary>
    public static ContinuousOptionSet AddTo(Command command)
    {
        var set = new ContinuousOptionSet();
        command.Options.Add(set.Engine);
        foreach (var option in set.EngineOptions)
        {
            command.Options.Add(option);
        }

        return set;
    }

    /// <summary>Every option of the set but <see cref="Engine"/>: the continuous engine's own.</summary>
    private Option[] EngineOptions =>
        [
            Policy,
            StepModel,
            KvBlocks,
            MaxNumSeqs,
            MaxBatchedTokens,
            PrefixCaching,
            ChunkSize,
            BlockSize,
            Routing,
            Admission,
            SloTtft,
            SloTpot,
            .. DynamicOptions,
        ];

    /// <summary>Declares the engine choice as shared and every other option of the set as the continuous engine's.</summary>
    public OptionScopes Declare(OptionScopes scopes) =>
        scopes
            .Add(OptionScopes.Both, Engine)
            .Add(OptionScopes.Continuous, EngineOptions)
            .Add(
                OptionScopes.Requires(
                    OptionScopes.Continuous,
                    parse => ContinuousPolicies.TryParse(parse.GetValue(Policy)!) is { SupportsPrefixCaching: true },
                    $"applies only to policies with prefix caching ({string.Join(", ", ContinuousPolicies.All.Where(p => p.SupportsPrefixCaching).Select(p => p.Name))})"
                ),
                PrefixCaching
            );

    /// <summary>Which policies cache prefixes by default and which on request (help and option errors).</summary>
    public static string PrefixCachingPolicies { get; } =
        $"on by default for {string.Join(", ", ContinuousPolicies.All.Where(p => p.PrefixCachingByDefault).Select(p => p.Name))}; "
        + $"off by default for {string.Join(", ", ContinuousPolicies.All.Where(p => p.SupportsPrefixCaching && !p.PrefixCachingByDefault).Select(p => p.Name))}";

    /// <summary>
    /// Whether the command line's continuous run caches prefixes (the policy implements it and --prefix-caching, or the policy's default, turns it on).
    /// </summary>
    public bool PrefixCachingOn(ParseResult parse) =>
        ContinuousPolicies.TryParse(parse.GetValue(Policy)!) is { } policy
        && policy.CachesPrefixes(
            parse.GetValue(PrefixCaching)?.ToUpperInvariant() switch
            {
                "ON" => true,
                "OFF" => false,
                _ => null,
            }
        );

    /// <summary>The replica memory of the roofline step model the last <see cref="Apply"/> read; null for other step models.</summary>
    public ReplicaMemory? PresetMemory { get; private set; }

    /// <summary>Whether the command line disaggregates (<see cref="DisaggregationOptionSet"/>): a transfer's bytes then read --kv-per-token.</summary>
    public Func<ParseResult, bool>? Disaggregated { get; set; }

    /// <summary>Another queue's request for bins: the decode pool's admission order (<see cref="DisaggregationOptionSet"/>).</summary>
    public Func<ParseResult, bool>? DecodeMultiBin { get; set; }

    /// <summary>Whether the command line asks for multi-bin admission (<c>--admission multi-bin</c>, or <c>--decode-admission multi-bin</c>).</summary>
    public bool IsMultiBin(ParseResult parse) =>
        AdmissionOrders.TryParse(parse.GetValue(Admission)!) == ContinuousAdmission.MultiBin || DecodeMultiBin?.Invoke(parse) == true;

    /// <summary>
    /// Whether the continuous engine sizes its KV cache from the batch engine's memory options (<c>--gpu-memory</c>, ...):
    /// not when <c>--kv-blocks</c> is given, nor with a roofline step model (which knows its GPU and model).
    /// </summary>
    public bool SizesKvFromMemoryOptions(ParseResult parse) =>
        parse.GetValue(KvBlocks) is null && !parse.GetValue(StepModel)!.Trim().StartsWith("roofline", StringComparison.OrdinalIgnoreCase);

    /// <summary>Property (under <c>Continuous.</c>) -> flag, for <see cref="CliErrors"/>.</summary>
    /// <summary>
    /// The configuration with the engine and continuous options applied. Names that do not parse raise one
    /// <see cref="ConfigurationException"/> with every such error; value ranges are checked by
    /// <see cref="SimulationConfig.Validate()"/> when the run starts (all errors at once, keyed by property).
    /// </summary>
    public SimulationConfig Apply(ParseResult parse, SimulationConfig config)
    {
        var errors = new ValidationErrors();
        string engine = parse.GetValue(Engine)!;
        var policy = ContinuousPolicies.TryParse(parse.GetValue(Policy)!);
        errors.Require(
            policy is not null,
            "Continuous.Policy",
            $"unknown policy '{parse.GetValue(Policy)}'; known: {string.Join(", ", ContinuousPolicies.Names)}"
        );
        var routing = ReplicaRouters.TryParse(parse.GetValue(Routing)!);
        errors.Require(
            routing is not null,
            "Continuous.Routing",
            $"unknown routing '{parse.GetValue(Routing)}'; known: {string.Join(", ", ReplicaRouters.Names)}"
        );
        var admission = AdmissionOrders.TryParse(parse.GetValue(Admission)!);
        errors.Require(
            admission is not null,
            "Continuous.Admission",
            $"unknown admission '{parse.GetValue(Admission)}'; known: {string.Join(", ", AdmissionOrders.Names)}"
        );
        bool? prefixCaching = parse.GetValue(PrefixCaching)?.ToUpperInvariant() switch
        {
            null => null,
            "ON" => true,
            "OFF" => false,
            _ => InvalidSwitch(errors, "Continuous.PrefixCaching", parse.GetValue(PrefixCaching)!),
        };
        StepTimeModel? stepModel = null;
        long? kvBlocks = parse.GetValue(KvBlocks);
        try
        {
            var spec = StepTimeModels.Parse(parse.GetValue(StepModel)!, Environment.CurrentDirectory);
            stepModel = spec.Model;
            PresetMemory = spec.Memory;
            if (kvBlocks is null && spec.Memory is { } memory && parse.GetValue(BlockSize) >= 1)
            {
                // A roofline preset knows the replica's memory, weights and KV bytes per token: size the cache from them.
                kvBlocks = KvCapacity.Blocks(memory, parse.GetValue(BlockSize));
            }

            if (spec.Fit is not null && OptionScopes.Continuous(parse, engine) is null)
            {
                Console.Error.WriteLine($"step-time fit: {spec.Summary}");
            }
        }
        catch (ConfigurationException e)
        {
            errors.AddRange(e.Errors);
        }

        var options = new ContinuousOptions
        {
            Policy = policy ?? Defaults.Policy,
            Routing = routing ?? Defaults.Routing,
            Admission = admission ?? Defaults.Admission,
            StepModel = stepModel ?? Defaults.StepModel,
            KvBlocks = kvBlocks,
            MaxNumSeqs = parse.GetValue(MaxNumSeqs),
            MaxBatchedTokens = parse.GetValue(MaxBatchedTokens),
            PrefixCaching = prefixCaching,
            ChunkSize = parse.GetValue(ChunkSize),
            BlockSize = parse.GetValue(BlockSize),
            SloTtft = parse.GetValue(SloTtft),
            SloTpot = parse.GetValue(SloTpot),
        };
        options = ApplyDynamic(parse, options, errors);
        if (errors.Any && OptionScopes.Continuous(parse, engine) is null)
        {
            // Report the value errors too, so that every invalid option is named at once.
            errors.Nested("Continuous", continuous => options.Validate(continuous, config.Scheduler.Memory));
        }

        errors.ThrowIfAny();
        return config with { Engine = engine, Continuous = options };
    }

    private static bool? InvalidSwitch(ValidationErrors errors, string property, string value)
    {
        errors.Add(property, $"expected on or off (got '{value}')");
        return null;
    }
}
