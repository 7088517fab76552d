using System.CommandLine;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Cli;

/// <summary>
/// Every scheduler parameter as a command-line option, shared by <c>mbsim run</c>, <c>mbsim suite</c>,
/// <c>mbsim capacity</c> and <c>mbsim sweep</c>, so each command can set what the others can. Defaults are
/// <see cref="SchedulerOptions"/>' (the original simulator's).
/// </summary>
internal sealed class SchedulerOptionSet
{
    private static readonly SchedulerOptions Defaults = new();

    public Option<string> Scheduler { get; } =
        new Option<string>("--scheduler")
        {
            Description = $"Scheduling policy: {string.Join(", ", Schedulers.Names)}.",
            DefaultValueFactory = _ => Defaults.Scheduler.Name,
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.Scheduler));

    public Option<int> K { get; } =
        new Option<int>("--k") { Description = "Number of bins K (binned schedulers), 1 to 64.", DefaultValueFactory = _ => Defaults.K }
            .In(ConfigSection.Bins)
            .Binds(nameof(SchedulerOptions.K))
            .Binds("Ks");

    public Option<string> BinPolicy { get; } =
        new Option<string>("--bin-policy")
        {
            Description = "Bin selection: round-robin or longest-queue.",
            DefaultValueFactory = _ => EnumNames.Name(Defaults.BinPolicy),
        }
            .In(ConfigSection.Bins)
            .Binds(nameof(SchedulerOptions.BinPolicy));

    public Option<double> DSla { get; } =
        new Option<double>("--d-sla") { Description = "SLA deadline in seconds (deadline = arrival + D_SLA).", DefaultValueFactory = _ => Defaults.DSla }
            .In(ConfigSection.Slos)
            .Binds(nameof(SchedulerOptions.DSla));

    public Option<double> SlaEpsilon { get; } =
        new Option<double>("--sla-epsilon")
        {
            Description = "SLA tolerance eps in seconds (dead band D_SLA +/- 2 eps).",
            DefaultValueFactory = _ => Defaults.SlaEpsilon,
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.SlaEpsilon));

    public Option<int> BMin { get; } =
        new Option<int>("--b-min") { Description = "Smallest dynamic batch B_MIN.", DefaultValueFactory = _ => Defaults.BMin }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.BMin));

    public Option<int> BMax { get; } =
        new Option<int>("--b-max") { Description = "Largest dynamic batch B_MAX.", DefaultValueFactory = _ => Defaults.BMax }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.BMax));

    public Option<int> CandidatePool { get; } =
        new Option<int>("--candidate-pool") { Description = "Waiting requests a dynamic batcher considers.", DefaultValueFactory = _ => Defaults.CandidatePool }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.CandidatePool));

    public Option<int> StaticBatch { get; } =
        new Option<int>("--static-batch") { Description = "Batch size of static_fifo.", DefaultValueFactory = _ => Defaults.StaticBatchSize }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.StaticBatchSize));

    public Option<int> FixedBatch { get; } =
        new Option<int>("--fixed-batch")
        {
            Description = "Batch size of multi_bin_fixed and multi_bin_paper (B).",
            DefaultValueFactory = _ => Defaults.FixedBatchSize,
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.FixedBatchSize));

    public Option<double?> MaxWait { get; } =
        new Option<double?>("--max-wait")
        {
            Description = "multi_bin_paper: flush a partial bin once its oldest request has waited this many seconds (default: wait for a full batch).",
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.MaxWait));

    public Option<int> BoundarySample { get; } =
        new Option<int>("--boundary-sample")
        {
            Description = "Bin boundaries are equal-mass quantiles of the first min(this, N) predictions.",
            DefaultValueFactory = _ => Defaults.BoundarySampleSize,
        }
            .In(ConfigSection.Bins)
            .Binds(nameof(SchedulerOptions.BoundarySampleSize));

    public Option<double> GpuMemory { get; } =
        new Option<double>("--gpu-memory") { Description = "GPU memory in GB.", DefaultValueFactory = _ => Defaults.Memory.GpuMemoryGb }
            .In(ConfigSection.Memory)
            .Binds(nameof(GpuMemoryModel.GpuMemoryGb));

    public Option<double> ModelMemory { get; } =
        new Option<double>("--model-memory") { Description = "Model weights in GB.", DefaultValueFactory = _ => Defaults.Memory.ModelMemoryGb }
            .In(ConfigSection.Memory)
            .Binds(nameof(GpuMemoryModel.ModelMemoryGb));

    public Option<double> KvPerToken { get; } =
        new Option<double>("--kv-per-token") { Description = "KV cache per token in GB.", DefaultValueFactory = _ => Defaults.Memory.KvCacheGbPerToken }
            .In(ConfigSection.Memory)
            .Binds(nameof(GpuMemoryModel.KvCacheGbPerToken));

    public Option<double> MemoryMargin { get; } =
        new Option<double>("--memory-margin") { Description = "Memory safety margin in GB.", DefaultValueFactory = _ => Defaults.Memory.MarginGb }
            .In(ConfigSection.Memory)
            .Binds(nameof(GpuMemoryModel.MarginGb));

    public Option<string> MemoryAlgorithm { get; } =
        new Option<string>("--memory-algorithm")
        {
            Description = "b_mem: heuristic (the original simulator's) or paper (Algorithm 1 of arXiv 2503.05248).",
            DefaultValueFactory = _ => EnumNames.Name(Defaults.MemoryAlgorithm),
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.MemoryAlgorithm));

    public Option<double> MemoryEpsilon { get; } =
        new Option<double>("--memory-epsilon")
        {
            Description = "eps_M of the paper's memory algorithm (accepted overflow probability).",
            DefaultValueFactory = _ => Defaults.MemoryEpsilon,
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.MemoryEpsilon));

    public Option<string> SlaAlgorithm { get; } =
        new Option<string>("--sla-algorithm")
        {
            Description = "b_SLA: heuristic (the original simulator's) or paper (Algorithm 2 of arXiv 2503.05248).",
            DefaultValueFactory = _ => EnumNames.Name(Defaults.SlaAlgorithm),
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.SlaAlgorithm));

    public Option<int> SlaAlpha { get; } =
        new Option<int>("--sla-alpha") { Description = "alpha of the paper's SLA algorithm.", DefaultValueFactory = _ => Defaults.SlaAlpha }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.SlaAlpha));

    public Option<int> SlaDelta { get; } =
        new Option<int>("--sla-delta") { Description = "delta of the paper's SLA algorithm.", DefaultValueFactory = _ => Defaults.SlaDelta }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.SlaDelta));

    public Option<string> SlaSignal { get; } =
        new Option<string>("--sla-signal")
        {
            Description = "What the SLA controller compares with D_SLA: batch-service-time or request-latency.",
            DefaultValueFactory = _ => EnumNames.Name(Defaults.SlaSignal),
        }
            .In(ConfigSection.Scheduler)
            .Binds(nameof(SchedulerOptions.SlaSignal));

    /// <param name="command">The command to add the options to.</param>
    /// <param name="perTest">Whether the command sets scheduler and K itself per test (suite, capacity, sweep): then --scheduler and --k are not added.</param>
    public void AddTo(Command command, bool perTest = false)
    {
        foreach (
            Option option in new Option[]
            {
                Scheduler,
                K,
                BinPolicy,
                DSla,
                SlaEpsilon,
                BMin,
                BMax,
                CandidatePool,
                StaticBatch,
                FixedBatch,
                MaxWait,
                BoundarySample,
                GpuMemory,
                ModelMemory,
                KvPerToken,
                MemoryMargin,
                MemoryAlgorithm,
                MemoryEpsilon,
                SlaAlgorithm,
                SlaAlpha,
                SlaDelta,
                SlaSignal,
            }
        )
        {
            if (!perTest || (option != Scheduler && option != K))
            {
                command.Options.Add(option);
            }
        }
    }

    /// <summary>
    /// Declares which engine each option of the set belongs to: scheduler, batch sizes and the dynamic batcher's
    /// controls are the batch engine's; K, the bin policy and the boundary sample also bin the continuous engine's
    /// multi-bin admission; D_SLA counts SLA violations on both; the memory model also sizes the continuous engine's KV
    /// cache when nothing else does (<see cref="ContinuousOptionSet.SizesKvFromMemoryOptions"/>).
    /// </summary>
    public OptionScopes Declare(OptionScopes scopes, ContinuousOptionSet continuous)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(continuous);
        var bins = OptionScopes.Either(
            OptionScopes.Batch,
            continuous.IsMultiBin,
            "applies to --engine batch, or to --engine continuous with --admission multi-bin (or --decode-admission multi-bin)"
        );
        var memory = OptionScopes.Either(
            OptionScopes.Batch,
            continuous.SizesKvFromMemoryOptions,
            "applies to --engine batch, or to --engine continuous when it sizes the KV cache from the memory options (without --kv-blocks or a roofline step model)"
        );
        var kvBytes = OptionScopes.Either(
            OptionScopes.Batch,
            parse => continuous.SizesKvFromMemoryOptions(parse) || continuous.Disaggregated?.Invoke(parse) == true,
            "applies to --engine batch, or to --engine continuous when it sizes the KV cache from the memory options (without --kv-blocks or a roofline step model) or disaggregates (the bytes a KV transfer moves)"
        );
        return scopes
            .Add(
                OptionScopes.Batch,
                Scheduler,
                SlaEpsilon,
                BMin,
                BMax,
                CandidatePool,
                StaticBatch,
                FixedBatch,
                MaxWait,
                MemoryAlgorithm,
                MemoryEpsilon,
                SlaAlgorithm,
                SlaAlpha,
                SlaDelta,
                SlaSignal
            )
            .Add(bins, K, BinPolicy, BoundarySample)
            .Add(OptionScopes.Both, DSla)
            .Add(memory, GpuMemory, ModelMemory, MemoryMargin)
            .Add(kvBytes, KvPerToken);
    }

    /// <summary>The scheduler options the command line gave (scheduler and K only where the command has them).</summary>
    public SchedulerOptions Read(ParseResult parse)
    {
        var options = new SchedulerOptions
        {
            BinPolicy = EnumNames.Parse<BinSelectionPolicy>(nameof(SchedulerOptions.BinPolicy), parse.GetValue(BinPolicy)!),
            DSla = parse.GetValue(DSla),
            SlaEpsilon = parse.GetValue(SlaEpsilon),
            BMin = parse.GetValue(BMin),
            BMax = parse.GetValue(BMax),
            CandidatePool = parse.GetValue(CandidatePool),
            StaticBatchSize = parse.GetValue(StaticBatch),
            FixedBatchSize = parse.GetValue(FixedBatch),
            MaxWait = parse.GetValue(MaxWait),
            BoundarySampleSize = parse.GetValue(BoundarySample),
            Memory = new GpuMemoryModel(parse.GetValue(GpuMemory), parse.GetValue(ModelMemory), parse.GetValue(KvPerToken), parse.GetValue(MemoryMargin)),
            MemoryAlgorithm = EnumNames.Parse<MemoryAlgorithm>(nameof(SchedulerOptions.MemoryAlgorithm), parse.GetValue(MemoryAlgorithm)!),
            MemoryEpsilon = parse.GetValue(MemoryEpsilon),
            SlaAlgorithm = EnumNames.Parse<SlaAlgorithm>(nameof(SchedulerOptions.SlaAlgorithm), parse.GetValue(SlaAlgorithm)!),
            SlaAlpha = parse.GetValue(SlaAlpha),
            SlaDelta = parse.GetValue(SlaDelta),
            SlaSignal = EnumNames.Parse<SlaSignal>(nameof(SchedulerOptions.SlaSignal), parse.GetValue(SlaSignal)!),
        };
        if (parse.CommandResult.Command.Options.Contains(Scheduler))
        {
            options = options with { Scheduler = Schedulers.Parse(parse.GetValue(Scheduler)!), K = parse.GetValue(K) };
        }

        return options;
    }
}
