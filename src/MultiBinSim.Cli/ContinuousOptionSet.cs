using System.CommandLine;
using System.Globalization;
using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Cli;

/// <summary>The engine choice and the continuous-batching engine's options of <c>mbsim run</c> (README, "Continuous-batching engine").</summary>
internal sealed class ContinuousOptionSet
{
    private static readonly ContinuousOptions Defaults = new();

    /// <summary>Library property name (under <c>Continuous.</c>) to flag, for error messages.</summary>
    private static readonly Dictionary<string, string> Flags = new()
    {
        [nameof(ContinuousOptions.Policy)] = "--policy",
        [nameof(ContinuousOptions.StepModel)] = "--step-model",
        [nameof(ContinuousOptions.KvBlocks)] = "--kv-blocks",
        [nameof(ContinuousOptions.BlockSize)] = "--block-size",
        [nameof(ContinuousOptions.MaxNumSeqs)] = "--max-num-seqs",
        [nameof(ContinuousOptions.MaxBatchedTokens)] = "--max-batched-tokens",
        [nameof(ContinuousOptions.ChunkSize)] = "--chunk-size",
        [nameof(ContinuousOptions.Routing)] = "--routing",
        [nameof(ContinuousOptions.SloTtft)] = "--slo-ttft",
        [nameof(ContinuousOptions.SloTpot)] = "--slo-tpot",
    };

    public Option<string> Engine { get; } = new("--engine") { Description = $"Simulation engine: {string.Join(", ", SimulationEngines.Names)}.", DefaultValueFactory = _ => SimulationEngines.Default };

    public Option<string> Policy { get; } = new("--policy") { Description = $"Continuous engine: iteration policy, {string.Join(", ", ContinuousPolicyNames.All)}.", DefaultValueFactory = _ => "vllm" };

    public Option<string> StepModel { get; } = new("--step-model") { Description = "Continuous engine: iteration time, 'pang' or 'linear:BASE,PER_SEQ,PER_PREFILL_TOKEN,PER_KV_TOKEN' (seconds).", DefaultValueFactory = _ => "pang" };

    public Option<long?> KvBlocks { get; } = new("--kv-blocks") { Description = "Continuous engine: KV blocks per replica (default: from the memory options)." };

    public Option<int> MaxNumSeqs { get; } = new("--max-num-seqs") { Description = "Continuous engine: most sequences running per replica.", DefaultValueFactory = _ => Defaults.MaxNumSeqs };

    public Option<int?> MaxBatchedTokens { get; } = new("--max-batched-tokens") { Description = "Continuous engine: most prompt tokens per iteration (default: no limit)." };

    public Option<int> ChunkSize { get; } = new("--chunk-size") { Description = "Continuous engine (sarathi): token budget of an iteration.", DefaultValueFactory = _ => Defaults.ChunkSize };

    public Option<int> BlockSize { get; } = new("--block-size") { Description = "Continuous engine: tokens per KV block.", DefaultValueFactory = _ => Defaults.BlockSize };

    public Option<string> Routing { get; } = new("--routing") { Description = $"Continuous engine: replica routing, {string.Join(", ", ReplicaRoutingNames.All)}.", DefaultValueFactory = _ => "round-robin" };

    public Option<double> SloTtft { get; } = new("--slo-ttft") { Description = "Continuous engine: SLO on time to first token, seconds.", DefaultValueFactory = _ => Defaults.SloTtft };

    public Option<double> SloTpot { get; } = new("--slo-tpot") { Description = "Continuous engine: SLO on time per output token, seconds.", DefaultValueFactory = _ => Defaults.SloTpot };

    /// <summary>Creates the set and adds its options to <paramref name="command"/>.</summary>
    public static ContinuousOptionSet AddTo(Command command)
    {
        var set = new ContinuousOptionSet();
        foreach (Option option in new Option[] { set.Engine, set.Policy, set.StepModel, set.KvBlocks, set.MaxNumSeqs, set.MaxBatchedTokens, set.ChunkSize, set.BlockSize, set.Routing, set.SloTtft, set.SloTpot })
        {
            command.Options.Add(option);
        }

        return set;
    }

    /// <summary>The configuration with the engine and continuous options applied; invalid values raise one <see cref="ArgumentException"/> naming every bad flag.</summary>
    public SimulationConfig Apply(ParseResult parse, SimulationConfig config)
    {
        var problems = new List<string>();
        string engine = parse.GetValue(Engine)!;
        if (!SimulationEngines.Names.Contains(engine))
        {
            problems.Add($"--engine must be one of {string.Join(", ", SimulationEngines.Names)} (got '{engine}')");
        }

        var policy = ContinuousPolicyNames.TryParse(parse.GetValue(Policy)!);
        if (policy is null)
        {
            problems.Add($"--policy must be one of {string.Join(", ", ContinuousPolicyNames.All)} (got '{parse.GetValue(Policy)}')");
        }

        var routing = ReplicaRoutingNames.TryParse(parse.GetValue(Routing)!);
        if (routing is null)
        {
            problems.Add($"--routing must be one of {string.Join(", ", ReplicaRoutingNames.All)} (got '{parse.GetValue(Routing)}')");
        }

        var stepModel = ParseStepModel(parse.GetValue(StepModel)!, problems);
        var options = new ContinuousOptions
        {
            Policy = policy ?? Defaults.Policy,
            Routing = routing ?? Defaults.Routing,
            StepModel = stepModel ?? Defaults.StepModel,
            KvBlocks = parse.GetValue(KvBlocks),
            MaxNumSeqs = parse.GetValue(MaxNumSeqs),
            MaxBatchedTokens = parse.GetValue(MaxBatchedTokens),
            ChunkSize = parse.GetValue(ChunkSize),
            BlockSize = parse.GetValue(BlockSize),
            SloTtft = parse.GetValue(SloTtft),
            SloTpot = parse.GetValue(SloTpot),
        };

        var errors = new ValidationErrors();
        if (engine == ContinuousEngine.EngineName)
        {
            options.Validate(errors, config.Scheduler.Memory);
        }

        foreach (var error in errors.Errors)
        {
            problems.Add($"{(Flags.TryGetValue(error.Property, out var flag) ? flag : error.Property)} {error.Message}");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems.Distinct()) + ".");
        }

        return config with { Engine = engine, Continuous = options };
    }

    /// <summary>
    /// TEMPORARY: accepts only <c>pang</c> and <c>linear:B,S,P,K</c>. TODO: replace the body with
    /// <c>StepTimeModels.Parse(text)</c> (src/MultiBinSim/Latency/StepTime/) once the step-time presets land.
    /// </summary>
    private static StepTimeModel? ParseStepModel(string text, List<string> problems)
    {
        if (string.Equals(text, "pang", StringComparison.OrdinalIgnoreCase))
        {
            return ContinuousOptions.DefaultStepModel;
        }

        if (text.StartsWith("linear:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = text["linear:".Length..].Split(',');
            var values = new double[4];
            bool ok = parts.Length == 4;
            for (int i = 0; ok && i < 4; i++)
            {
                ok = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
            }

            if (ok)
            {
                return new StepTimeModel(values[0], values[1], values[2], values[3], text);
            }
        }

        problems.Add($"--step-model must be 'pang' or 'linear:BASE,PER_SEQ,PER_PREFILL_TOKEN,PER_KV_TOKEN' in seconds (got '{text}')");
        return null;
    }
}
